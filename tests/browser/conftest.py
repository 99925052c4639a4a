"""Browser tests: Playwright driving Debian's Chromium against live_server.

A minimal set-up following ../shared/FINDINGS.md (the reader's pages work
brings a fuller one with the same `browser` and `page` fixtures). A missing
Chromium or Playwright skips these tests with the reason; in CI
(GOVDX_REQUIRE_TOOLS=1) it fails them instead.
"""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM then
# refuses to run unless told it is safe (it is: one thread uses it at a time).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("GOVDX_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _missing(reason):
    if os.environ.get("GOVDX_REQUIRE_TOOLS", "") not in ("", "0"):
        pytest.fail(f"browser tests cannot run: {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright is not installed (make install-dev)")
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        _missing(
            f"no Chromium at {CHROMIUM} (apt-get install chromium fonts-ipafont-gothic)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    """A page in a fresh context; `page.base_url` is the live server."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="ja-JP",
        viewport={"width": 1280, "height": 900},
    )
    page = context.new_page()
    page.base_url = live_server.url
    page.set_default_timeout(10_000)
    yield page
    context.close()
