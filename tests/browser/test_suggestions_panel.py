"""The talk form's 「提案」 panel in a real browser: nothing is asked until the
editor presses its button; a suggestion goes into the form only when its
button is pressed (here by keyboard), and then shows as added."""

from summaries.models import Takeaway, TranscriptSegment
from summaries.signals import announce
from tests.factories import make_talk

from .axe import describe, run_axe
from .test_editor import editor_page, open_change_form, save  # noqa: F401

SENTENCES = [
    "今日は避難所運営のデジタル化についてお話しします。",
    "避難所の受付では紙の名簿に住民が名前を書いていました。",
    "避難所運営の名簿を電子化して、受付の待ち時間が半分になりました。",
    "避難所の混雑状況を地図で住民に知らせる仕組みも作りました。",
]


def make_evacuation_talk():
    talk = make_talk(
        "避難所運営のデジタル化",
        tldr="避難所運営をデジタル化し、避難所の混雑を住民に知らせる。",
        tags=["防災"],
    )
    Takeaway.objects.create(
        talk=talk, position=1, text="避難所運営の名簿を電子化した。"
    )
    TranscriptSegment.objects.bulk_create(
        TranscriptSegment(talk=talk, position=i, start_seconds=i * 65, text=text)
        for i, text in enumerate(SENTENCES, start=1)
    )
    announce({talk.pk})
    return talk


def test_a_suggestion_is_added_only_by_the_editors_key_press(editor_page):  # noqa: F811
    page = editor_page
    talk = make_evacuation_talk()
    asked = []
    page.on(
        "request",
        lambda request: "/suggestions/" in request.url and asked.append(request.url),
    )
    open_change_form(page, talk)
    keywords = page.locator("textarea[name=keywords_lines]")
    highlights = page.locator("textarea[name=highlights_lines]")
    assert keywords.input_value() == "" and highlights.input_value() == ""
    assert asked == []  # not on page load

    panel = page.locator("details.suggestions")
    panel.locator("summary").focus()
    page.keyboard.press("Enter")  # opens the <details>
    load = panel.get_by_role("button", name="提案を読み込む")
    load.focus()
    page.keyboard.press("Enter")
    keyword = panel.locator(".suggestions__list[data-kind=keywords] button").first
    keyword.wait_for()
    highlight = panel.locator(".suggestions__list[data-kind=highlights] button").first
    highlight.wait_for()
    assert len(asked) == 3
    # Loaded, but nothing applied.
    assert keywords.input_value() == "" and highlights.input_value() == ""
    assert keyword.get_attribute("aria-pressed") == "false"

    chosen = keyword.get_attribute("data-value")
    keyword.focus()
    page.keyboard.press("Enter")
    assert keywords.input_value() == chosen
    assert keyword.get_attribute("aria-pressed") == "true"
    assert "（追加済み）" in keyword.inner_text()
    page.keyboard.press("Enter")  # pressed again: not added twice
    assert keywords.input_value() == chosen

    line = highlight.get_attribute("data-value")
    highlight.focus()
    page.keyboard.press("Space")
    assert highlights.input_value() == line

    tag = panel.locator(
        ".suggestions__list[data-kind=tags] button[aria-pressed=false]"
    ).first
    name = tag.get_attribute("data-value")
    tag.focus()
    page.keyboard.press("Enter")
    assert page.locator(".tag-field__token > span").all_inner_texts() == ["防災", name]

    results = run_axe(page)
    assert results.violations_count == 0, describe(results)

    save(page)
    talk.refresh_from_db()
    assert [k.text for k in talk.keywords.all()] == [chosen]
    assert sorted(t.name for t in talk.tags.all()) == sorted(["防災", name])
