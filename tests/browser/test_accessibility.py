"""axe with the WCAG 2.2 AA rules, in Chromium, on every public page type."""

import pytest

from .axe import describe, run_axe
from .conftest import RESULTS, record_page
from .site import PAGE_TYPES, build_site


@pytest.mark.parametrize(
    ("order", "name", "path", "status"),
    [(order, *page_type) for order, page_type in enumerate(PAGE_TYPES)],
    ids=[path for _name, path, _status in PAGE_TYPES],
)
def test_no_wcag_violations(page, order, name, path, status):
    build_site()
    response = page.goto(path)
    assert response.status == status
    results = run_axe(page)
    RESULTS["tools"]["axe-core"] = results.response["testEngine"]["version"]
    record_page(
        name,
        path,
        order,
        axe_violations=results.violations_count,
        axe_passes=len(results.response["passes"]),
    )
    assert results.violations_count == 0, describe(results)
    # Nothing on any page reaches another site before the reader asks.
    assert page.outside_requests == []


def test_the_mind_map_reads_at_phone_width(page):
    """At 360 px the drawing fits the screen and its smallest text stays
    legible (at least 11 CSS px), with no sideways scrolling."""
    build_site()
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/talks/tokyo-dx-miyasaka-2024/")
    svg = page.locator(".mindmap__drawing")
    box = svg.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    scale = box["width"] / float(svg.get_attribute("width"))
    smallest = min(
        float(size)
        for size in page.locator(".mindmap__drawing text").evaluate_all(
            "texts => texts.map(t => t.getAttribute('font-size'))"
        )
    )
    assert smallest * scale >= 11
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    results = run_axe(page)
    assert results.violations_count == 0, describe(results)
