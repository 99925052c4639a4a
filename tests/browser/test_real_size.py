"""Talks at real size in a real browser, by keyboard: the captions page
(upload, preview, confirm), editing a long transcript in its text area, and
the reader's transcript filter; axe's WCAG 2.2 AA rules on each."""

from django.urls import reverse
from playwright.sync_api import expect

from summaries.talk_parts import replace
from tests.factories import make_talk
from tests.test_import_captions import CHAPTERS, VTT

from .axe import WCAG_22_AA, assert_accessible, describe

# The talk change form's own fields (Django's date widgets, the inline rows)
# are the admin walkthrough's; here, the text areas this work added.
LONG_FIELDS = [
    ["#id_keywords_lines"],
    ["#id_outline_lines"],
    ["#id_highlights_lines"],
    ["#id_transcript_lines"],
]


def assert_long_fields_accessible(page):
    from axe_playwright_python.sync_playwright import Axe

    options = {
        "runOnly": {"type": "tag", "values": WCAG_22_AA},
        "resultTypes": ["violations", "passes"],
    }
    results = Axe().run(page, context={"include": LONG_FIELDS}, options=options)
    assert results.violations_count == 0, describe(results)


def press(page, locator, key="Enter"):
    """Press `key` on a link or button that loads a page, and wait for that
    page: `wait_for_load_state()` alone returns at once while the old page is
    still loaded, and a slow save (3,000 segments) was then read too early."""
    locator.focus()
    with page.expect_navigation():
        page.keyboard.press(key)


def test_captions_upload_preview_confirm_by_keyboard(editor_page, tmp_path):
    page = editor_page
    talk = make_talk(duration_seconds=600, transcript=2)
    page.goto(reverse("admin:summaries_talk_change", args=[talk.pk]))
    press(page, page.get_by_role("link", name="字幕から文字起こしを作成"))
    page.wait_for_url("**/captions/")
    assert_accessible(page)

    path = tmp_path / "talk.vtt"
    path.write_text(VTT, encoding="utf-8")
    upload = page.get_by_label("字幕ファイル")
    upload.focus()
    upload.set_input_files(str(path))
    page.get_by_label("章立て（任意）").focus()
    page.keyboard.insert_text(CHAPTERS)
    press(page, page.get_by_role("button", name="内容を確認する"))
    table = page.get_by_role("table", name="最初と最後の区間")
    assert "宮坂：本日はデジタル庁の取り組みを紹介します。" in table.inner_text()
    assert "（今の2区間を置き換えます）" in page.content()
    assert_accessible(page)

    press(page, page.get_by_role("button", name="この内容で文字起こしを作成"))
    page.wait_for_url("**/change/")
    assert "文字起こしを2区間で作りました" in page.locator(".messagelist").inner_text()
    assert list(talk.transcript.values_list("start_seconds", flat=True)) == [1, 4]
    assert talk.outline.count() == 3


def test_a_captions_error_names_the_line(editor_page):
    page = editor_page
    talk = make_talk()
    page.goto(reverse("admin:summaries_talk_captions", args=[talk.pk]))
    page.get_by_label("または字幕の中身を貼り付け").fill(
        "WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nあ\n"
    )
    press(page, page.get_by_role("button", name="内容を確認する"))
    alert = page.get_by_role("alert")
    assert "3行目: この字幕は00:00:05.000に始まり" in alert.inner_text()
    assert_accessible(page)
    assert not talk.transcript.exists()


def test_editing_a_long_transcript_by_keyboard(editor_page):
    page = editor_page
    talk = make_talk(duration_seconds=7200, takeaways=3)
    replace(talk, transcript=[(i * 2, f"発言{i}") for i in range(3000)])
    page.goto(reverse("admin:summaries_talk_change", args=[talk.pk]))
    label = page.locator("label[for=id_transcript_lines]")
    assert label.inner_text().startswith("文字起こし")
    assert_long_fields_accessible(page)
    area = page.locator("#id_transcript_lines")
    area.focus()
    page.keyboard.press("Control+End")
    page.keyboard.insert_text("\n1:40:00 最後に足した発言")
    press(page, page.get_by_role("button", name="保存して編集を続ける"))
    assert page.locator(".errornote").count() == 0
    assert talk.transcript.count() == 3001
    assert talk.transcript.last().text == "最後に足した発言"

    # A bad line is named by its number and nothing is saved.
    area = page.locator("#id_transcript_lines")
    area.focus()
    page.keyboard.press("Control+Home")
    page.keyboard.insert_text("ずれた行\n")
    press(page, page.get_by_role("button", name="保存して編集を続ける"))
    assert "1行目: 「ずれた行」は「時:分:秒 文」の形ではありません。" in (
        page.locator(".errorlist").first.inner_text()
    )
    assert_long_fields_accessible(page)
    assert talk.transcript.count() == 3001


def test_the_reader_filters_the_transcript(page):
    talk = make_talk(
        video_url="https://www.youtube.com/watch?v=AbCdEfGhI_0", duration_seconds=7200
    )
    replace(
        talk,
        transcript=[
            (i * 2, "防災の話です。" if i % 500 == 0 else f"ほかの話{i}です。")
            for i in range(3000)
        ],
    )
    page.goto(talk.get_absolute_url())
    box = page.get_by_role("searchbox", name="文字起こしの中を絞り込む")
    assert not box.is_visible()  # collapsed
    summary = page.locator("details.transcript summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert box.is_visible()
    box.focus()
    page.keyboard.type("防災")
    status = page.locator("#transcript-filter-status")
    status.get_by_text("6区間が一致しました。").wait_for()
    assert page.locator("ol.transcript__list > li:visible").count() == 6
    assert_accessible(page)
    page.keyboard.press("Control+a")
    page.keyboard.press("Backspace")
    # A locator, not wait_for_function: the page's CSP forbids eval.
    expect(page.locator("ol.transcript__list > li[hidden]")).to_have_count(0)
