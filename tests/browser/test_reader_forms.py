"""The rating and 「このページは役に立ちましたか？」 in Chromium: keyboard only,
updated in place with JavaScript, and the same forms with JavaScript off."""

import pytest

from .axe import describe, run_axe
from .site import build_site
from .test_player import focus_by_tab, focus_is_visible

SEED = "/talks/tokyo-dx-miyasaka-2024/"


@pytest.mark.keyboard_check(
    "読者の評価（キーボードで1〜5を選んで送信し、結果が読み上げられる）"
)
def test_a_reader_rates_by_keyboard_and_the_figure_updates_in_place(page):
    build_site()
    page.goto(SEED)
    rating = page.locator("#rating")
    figure = rating.locator("[data-rating-figure]")
    assert figure.inner_text() == "まだ評価はありません"

    focus_by_tab(page, rating.get_by_role("radio", name="1 よくなかった"))
    assert focus_is_visible(page)
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert rating.get_by_role("radio", name="4 よかった").is_checked()
    page.keyboard.press("Tab")
    assert rating.get_by_role("button", name="評価を送信").evaluate(
        "el => el === document.activeElement"
    )
    page.keyboard.press("Enter")

    status = rating.get_by_role("status")
    status.filter(has_text="記録しました").wait_for()
    assert status.inner_text() == (
        "評価「4」を記録しました。現在の平均は4.0（1件）です。"
        "選び直すと評価を変更できます。"
    )
    assert figure.inner_text() == "4.0（1件）"
    assert rating.get_by_text("5段階評価の平均").is_visible()
    assert page.url.endswith(SEED)  # no page load: updated in place

    # Changing one's mind replaces the vote: still one vote.
    rating.get_by_role("radio", name="2 あまりよくなかった").check()
    rating.get_by_role("button", name="評価を送信").click()
    status.filter(has_text="評価「2」").wait_for()
    assert figure.inner_text() == "2.0（1件）"

    results = run_axe(page)
    assert results.violations_count == 0, describe(results)


def test_choices_and_buttons_are_at_least_24_px(page):
    build_site()
    page.goto(SEED)
    targets = page.locator(
        "#rating input[type=radio], #rating label, #rating button, "
        "#feedback input[type=radio], #feedback label.choice-group__option, "
        "#feedback button"
    )
    assert targets.count() == 16
    for box in (targets.nth(n).bounding_box() for n in range(targets.count())):
        assert box["width"] >= 24 and box["height"] >= 24


def test_the_helpfulness_answer_is_sent_and_a_bad_comment_explained(page):
    build_site()
    page.goto(SEED)
    feedback = page.locator("#feedback")
    status = feedback.get_by_role("status")
    feedback.get_by_role("radio", name="いいえ").check()
    feedback.get_by_label("ご意見（任意）").fill("連絡は taro@example.jp へ")
    feedback.get_by_role("button", name="送信する").click()
    status.filter(has_text="メールアドレス").wait_for()
    assert status.inner_text() == (
        "ご意見にメールアドレスや電話番号は書かないでください。"
        "個人情報は受け付けていません。"
    )
    feedback.get_by_label("ご意見（任意）").fill("図があると助かります")
    feedback.get_by_role("button", name="送信する").click()
    status.filter(has_text="ありがとう").wait_for()
    assert feedback.get_by_label("ご意見（任意）").input_value() == ""

    from summaries.ratings.models import Feedback

    assert list(Feedback.objects.values_list("helpful", "comment")) == [
        (False, "図があると助かります")
    ]


def test_without_javascript_the_vote_posts_and_comes_back_with_a_message(
    browser, live_server, transactional_db
):
    build_site()
    context = browser.new_context(
        base_url=live_server.url, locale="ja-JP", java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto(SEED)
        rating = page.locator("#rating")
        rating.get_by_role("radio", name="5 とてもよかった").check()
        rating.get_by_role("button", name="評価を送信").click()
        page.wait_for_url(f"**{SEED}#rating")
        assert (
            rating.get_by_role("status")
            .inner_text()
            .startswith("評価「5」を記録しました。現在の平均は5.0（1件）です。")
        )
        assert rating.locator("[data-rating-figure]").inner_text() == "5.0（1件）"
    finally:
        context.close()
