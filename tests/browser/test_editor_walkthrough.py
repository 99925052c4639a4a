"""The editor's side as a new editor meets it: the talk form fits the window,
every admin page editors use passes axe (WCAG 2.2 AA), and one journey through
them works by keyboard alone."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from summaries.models import Talk

from .axe import describe, run_axe


@pytest.fixture
def seed_talk(transactional_db):
    call_command("loaddata", "talks", verbosity=0)
    return Talk.objects.get(slug="tokyo-dx-miyasaka-2024")


@pytest.fixture
def editor_page(page, django_user_model):
    """`page`, logged in as a staff editor."""
    user = django_user_model.objects.create_user(
        "editor", password="correct-horse-battery", is_staff=True
    )
    user.groups.add(Group.objects.get(name="編集者"))
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": page.base_url,
            }
        ]
    )
    return page


def overflow(page):
    """How far the page scrolls sideways, and controls that end off-screen."""
    return page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          const outside = [...document.querySelectorAll(
              '#content input:not([type=hidden]), #content textarea, #content select, #content button')]
            .filter(e => e.offsetParent !== null)
            .map(e => [e.name || e.id || e.className, e.getBoundingClientRect().right])
            .filter(([, right]) => right > width + 0.5);
          return {scroll: document.documentElement.scrollWidth - width, outside};
        }"""
    )


@pytest.mark.parametrize("width", [1280, 1024])
def test_the_talk_form_fits_the_window(editor_page, seed_talk, width):
    page = editor_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(reverse("admin:summaries_talk_change", args=[seed_talk.pk]))
    # Open every collapsed section: they must fit too.
    for summary in page.locator("details > summary").all():
        if summary.is_visible():
            summary.click()
    page.screenshot(path=f"/tmp/wt_shots/form-{width}.png", full_page=True)
    found = overflow(page)
    assert found == {"scroll": 0, "outside": []}
    # The takeaways' delete box is on screen, beside its row.
    delete = page.locator("#takeaways-group input[name$='-DELETE']").first
    box = delete.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= width
