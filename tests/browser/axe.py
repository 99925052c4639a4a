"""axe-core (bundled by axe-playwright-python) with the WCAG 2.2 AA rules."""

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def run_axe(page):
    """axe's results for the page as it is now: violations and passes."""
    from axe_playwright_python.sync_playwright import Axe

    options = {
        "runOnly": {"type": "tag", "values": WCAG_22_AA},
        "resultTypes": ["violations", "passes"],
    }
    return Axe().run(page, options=options)


def describe(results):
    """A readable list of violations for an assertion message."""
    lines = []
    for violation in results.response["violations"]:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html']}")
    return "\n".join(lines)


def assert_accessible(page):
    """No WCAG 2.2 AA violation on the whole page."""
    results = run_axe(page)
    assert results.violations_count == 0, describe(results)
