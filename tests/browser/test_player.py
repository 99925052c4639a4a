"""The video facade and the time stamps in a real browser."""

import re

import pytest

from .site import VIDEO_ID, VIDEO_TALK, build_site

EMBED = f"https://www.youtube-nocookie.com/embed/{VIDEO_ID}"
DETAIL = f"/talks/{VIDEO_TALK}/"


def focus_by_tab(page, locator, limit=200):
    """Press Tab until `locator` has focus, as a keyboard user would."""
    page.locator("body").focus()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {locator}")


def focus_is_visible(page):
    """The focused element draws a focus indicator: an outline of 2px or more."""
    style = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
        return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"""
    )
    return style[0] != "none" and style[1] >= 2


@pytest.mark.keyboard_check(
    "動画の再生ボタン（キーボードで再生し、フォーカスが見える）"
)
def test_play_button_loads_the_player_only_when_pressed(page):
    build_site()
    page.goto(DETAIL)
    button = page.get_by_role("button", name="動画を再生")
    assert page.locator("iframe").count() == 0
    focus_by_tab(page, button)
    assert focus_is_visible(page)
    page.wait_for_timeout(300)
    assert page.outside_requests == []  # nothing left the site before play

    page.keyboard.press("Enter")
    player = page.locator(".video__frame iframe")
    player.wait_for()
    assert player.get_attribute("src") == f"{EMBED}?autoplay=1"
    assert player.get_attribute("title").startswith("YouTube 動画プレーヤー: ")
    assert player.evaluate("el => el === document.activeElement")
    page.wait_for_timeout(300)
    assert page.outside_requests and all(
        url.startswith("https://www.youtube-nocookie.com/")
        for url in page.outside_requests
    )


def test_opened_with_t_the_player_starts_there(page):
    build_site()
    page.goto(DETAIL + "?t=125")
    page.get_by_role("button", name="2:05 から動画を再生").click()
    src = page.locator(".video__frame iframe").get_attribute("src")
    assert src == f"{EMBED}?autoplay=1&start=125"


@pytest.mark.keyboard_check("時刻のリンク（キーボードでその位置から再生）")
def test_time_stamps_start_the_player_and_update_the_address(page):
    build_site()
    page.goto(DETAIL)
    # With scripts on, a time stamp points at this page's ?t= address.
    stamp = page.locator(".timeline a.timecode").first  # outline chapter 1, 1:00
    assert stamp.get_attribute("href") == "?t=60"
    assert stamp.inner_text().startswith("1:00")
    focus_by_tab(page, stamp)
    assert focus_is_visible(page)
    assert page.outside_requests == []
    page.keyboard.press("Enter")
    player = page.locator(".video__frame iframe")
    player.wait_for()
    assert player.get_attribute("src") == f"{EMBED}?autoplay=1&start=60"
    assert page.url.endswith(f"{DETAIL}?t=60")
    # Focus stays on the time stamp, so the reader keeps their place.
    assert stamp.evaluate("el => el === document.activeElement")

    # A second time stamp moves the same player.
    later = page.locator(".timeline a.timecode").nth(1)
    later.press("Enter")
    page.wait_for_function(
        "document.querySelector('.video__frame iframe').src.endsWith('start=120')"
    )
    assert page.locator("iframe").count() == 1
    assert page.url.endswith(f"{DETAIL}?t=120")


def test_without_scripts_links_go_to_the_video_on_youtube(
    browser, live_server, transactional_db
):
    build_site()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    outside = []
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(live_server.url)
            else (outside.append(route.request.url), route.abort())
        ),
    )
    page = context.new_page()
    try:
        page.goto(DETAIL + "?t=30")
        play = page.get_by_role("link", name="0:30 から動画を再生")
        assert play.get_attribute("href") == (
            f"https://www.youtube.com/watch?v={VIDEO_ID}&t=30s"
        )
        stamp = page.locator(".timeline a.timecode").first
        assert stamp.get_attribute("href") == (
            f"https://www.youtube.com/watch?v={VIDEO_ID}&t=60s"
        )
        assert page.locator("iframe").count() == 0
        assert outside == []
    finally:
        context.close()


def test_a_talk_without_video_has_no_player_and_no_dead_links(page):
    build_site()
    page.goto("/talks/tokyo-dx-miyasaka-2024/")
    assert page.locator(".video").count() == 0
    assert page.locator("a.timecode").count() == 0
    assert not re.search(r"player\.js", page.content())
