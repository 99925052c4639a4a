"""Browser tests: Playwright driving Debian's Chromium against pytest-django's
live_server. Reuse the `page` fixture (one browser per session, a fresh
context per test); data goes through `transactional_db`, which live_server
needs to see it.

Missing tools skip these tests with the reason (make test prints it); in CI
(GOVDX_REQUIRE_TOOLS=1) they fail instead.
"""

import os

import pytest

from summaries.accessibility import write_results

from . import tools

# Playwright's sync API runs an event loop in this thread; Django's ORM then
# refuses to run unless told it is safe (it is: one thread uses it at a time).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Filled by the tests, written by `make a11y-results` (GOVDX_A11Y_RESULTS).
RESULTS = {"pages": {}, "keyboard": [], "tools": {}}


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "keyboard_check(name): a keyboard check the statement lists"
    )


@pytest.fixture(scope="session")
def browser():
    tools.need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=tools.CHROMIUM, args=tools.CHROMIUM_FLAGS
        )
        RESULTS["tools"]["Chromium"] = browser.version
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    """A page in a fresh context. `page.base_url` is the live server;
    `page.outside_requests` lists every request to any other host (answered
    with an empty page here, so nothing leaves the machine)."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="ja-JP",
        viewport={"width": 1280, "height": 900},
    )
    outside = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(live_server.url):
            request_route.continue_()
        else:
            outside.append(url)
            request_route.fulfill(
                status=200,
                content_type="text/html",
                body="<!doctype html><title>-</title>",
            )

    context.route("**/*", route)
    page = context.new_page()
    page.base_url = live_server.url
    page.outside_requests = outside
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    marker = item.get_closest_marker("keyboard_check")
    if marker and report.when == "call":
        RESULTS["keyboard"].append({"name": marker.args[0], "passed": report.passed})
    return report


def record_page(name, path, order, **figures):
    entry = RESULTS["pages"].setdefault(path, {"name": name, "path": path})
    entry.update(order=order, **figures)


def pytest_sessionfinish(session, exitstatus):
    target = os.environ.get("GOVDX_A11Y_RESULTS")
    pages = [
        page
        for page in RESULTS["pages"].values()
        if "axe_violations" in page and "html_errors" in page
    ]
    if not target or not pages:
        return
    write_results(
        target,
        pages=pages,
        keyboard=RESULTS["keyboard"],
        tools=RESULTS["tools"],
        command="make a11y-results",
    )


def pytest_terminal_summary(terminalreporter):
    reasons = {
        report.longrepr[2]
        for report in terminalreporter.stats.get("skipped", [])
        if isinstance(report.longrepr, tuple) and "tests skipped" in report.longrepr[2]
    }
    for reason in sorted(reasons):
        terminalreporter.write_sep("!", "BROWSER TESTS SKIPPED", yellow=True)
        terminalreporter.write_line(reason.removeprefix("Skipped: "))


@pytest.fixture
def editor_page(page, django_user_model):
    """`page` logged in as a member of the 編集者 group (a session cookie made
    by Django's test client, so no login form is typed)."""
    from django.contrib.auth.models import Group
    from django.test import Client

    from summaries.roles import EDITORS

    user = django_user_model.objects.create_user(
        "browser-editor", password="correct-horse-battery", is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value,
          "url": page.base_url}]
    )  # fmt: skip
    return page
