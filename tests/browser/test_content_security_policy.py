"""The strict Content-Security-Policy, as a browser enforces it: nothing the
site or the admin needs is blocked (no inline script, no inline style, the
player from youtube-nocookie only)."""

import pytest
from django.urls import reverse

from .site import PAGE_TYPES, VIDEO_TALK, build_site

PASSWORD = "correct-horse-battery"

# Chromium reports each blocked script, style, frame or image as a
# `securitypolicyviolation` event on the document; collect them per page.
LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(
    `${e.violatedDirective} ${e.blockedURI || 'inline'} ${e.sourceFile}:${e.lineNumber}`
  );
});
"""


@pytest.fixture
def strict_page(page):
    page.add_init_script(LISTEN)
    return page


def visit(page, path):
    response = page.goto(path)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    return response


def violations(page):
    page.wait_for_timeout(200)
    return page.evaluate("window.__cspViolations")


def test_public_pages_break_no_rule(strict_page):
    build_site()
    for _, path, status in PAGE_TYPES:
        response = visit(strict_page, path)
        assert response.status == status, path
        assert violations(strict_page) == [], path


def test_the_player_is_allowed_once_pressed(strict_page):
    build_site()
    visit(strict_page, f"/talks/{VIDEO_TALK}/")
    strict_page.get_by_role("button", name="動画を再生").click()
    strict_page.locator(".video__frame iframe").wait_for()
    assert violations(strict_page) == []
    assert any(
        url.startswith("https://www.youtube-nocookie.com/embed/")
        for url in strict_page.outside_requests
    )


def test_admin_works_under_the_policy(strict_page, django_user_model):
    build_site()
    django_user_model.objects.create_superuser("boss", "boss@example.jp", PASSWORD)
    page = strict_page
    visit(page, reverse("admin:login"))
    page.fill("#id_username", "boss")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    assert violations(page) == []

    visit(page, reverse("admin:summaries_talk_add"))
    # The inline "add another" links are built by the admin's own scripts: if
    # those were blocked, there would be none.
    add_links = page.locator(".add-row a")
    assert add_links.count() > 0
    rows = page.locator(".dynamic-takeaways").count()
    page.locator("#takeaways-group .add-row a").click()
    assert page.locator(".dynamic-takeaways").count() == rows + 1
    assert violations(page) == []

    for path in (
        reverse("admin:summaries_talk_changelist"),
        reverse("admin:summaries_talk_change", args=[1]),
        reverse("admin:auth_user_add"),
    ):
        visit(page, path)
        assert violations(page) == [], path
