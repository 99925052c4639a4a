"""Keyboard-only use of the search box and the page navigation."""

import pytest

from .site import build_site
from .test_player import focus_by_tab, focus_is_visible


@pytest.mark.keyboard_check(
    "検索ボックス（キーボードで入力して検索し、フォーカスが見える）"
)
def test_search_box_by_keyboard(page):
    build_site()
    page.goto("/")
    box = page.get_by_role("searchbox", name="講演を検索")
    focus_by_tab(page, box)
    assert focus_is_visible(page)
    page.keyboard.type("防災")
    page.keyboard.press("Enter")
    page.wait_for_url("**/talks/?q=*")
    assert page.url.endswith("/talks/?q=%E9%98%B2%E7%81%BD")


@pytest.mark.keyboard_check(
    "ページ送り（キーボードで次のページへ移動し、フォーカスが見える）"
)
def test_page_navigation_by_keyboard(page):
    build_site()
    page.goto("/talks/")
    next_link = page.get_by_role("navigation", name="講演一覧のページ").get_by_role(
        "link", name="次へ"
    )
    focus_by_tab(page, next_link)
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**/talks/?page=2")
    current = page.locator('.pagination a[aria-current="page"]')
    assert current.inner_text().strip().endswith("2")


def test_skip_link_is_first_and_visible_when_focused(page):
    build_site()
    page.goto("/talks/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="本文へ移動")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] >= 24
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
