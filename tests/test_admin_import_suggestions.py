"""Suggestions in the import preview (issue 16): tags, keywords and
highlights from the text being imported, each added to the text by one
button, previewed again, and imported only when the editor confirms."""

import lxml.html
import pytest
from django.test import Client

from summaries.models import Talk
from tests.html_forms import browser_form, submit
from tests.summary_samples import FULL, SEED_TEXT

pytestmark = pytest.mark.django_db

URL = "/admin/summaries/talk/import/"
# The seed talk's text without its tags line: the suggestions must offer some.
UNTAGGED = SEED_TEXT.split("関連タグ")[0].rstrip() + "\n"


def preview(client, text):
    return client.post(URL, {"text": text, "preview": "内容を確認する"})


def offered(response, kind):
    """{shown: accept value} of the suggestion buttons of one kind."""
    document = lxml.html.fromstring(response.content.decode())
    return {
        button.text_content().strip(): button.get("value")
        for button in document.xpath(
            f'//ul[@class="summary-import__suggestion-list"][@data-kind="{kind}"]'
            "//button"
        )
    }


def accept(client, response, value):
    return submit(
        client, response, {"accept": value}, form_id="summary-import-form", url=URL
    )


def test_the_preview_offers_tags_and_keywords_from_the_text(editor_client):
    response = preview(editor_client, UNTAGGED)
    page = response.content.decode()
    assert '<h2 id="import-suggestions-heading">提案</h2>' in page
    tags = offered(response, "tags")
    assert "DX" in tags and tags["DX"] == "tags:DX"
    assert len(tags) <= 15
    assert offered(response, "keywords")
    # Each is a submit button of the import form: keyboard and no script.
    document = lxml.html.fromstring(page)
    buttons = document.xpath('//button[@name="accept"]')
    assert buttons
    for button in buttons:
        assert "summary-import__suggestion" in button.get("class")
        assert button.tag == "button" and button.get("type") == "submit"
        assert button.get("form") == "summary-import-form"
        assert button.get("name") == "accept"
    assert not Talk.objects.exists()


def test_an_accepted_tag_goes_into_the_text_and_only_confirming_imports(
    editor_client,
):
    response = accept(editor_client, preview(editor_client, UNTAGGED), "tags:DX")
    assert response.status_code == 200
    page = response.content.decode()
    assert "タグ「DX」をテキストに加えました。" in page
    assert not Talk.objects.exists()  # nothing imported yet
    text = browser_form(response, "summary-import-form")["text"][0]
    assert text.rstrip().endswith("関連タグ\nDX、")
    assert "DX" not in offered(response, "tags")  # offered once
    response = submit(
        editor_client,
        response,
        {"confirm": "この内容で取り込む"},
        form_id="summary-import-form",
        url=URL,
    )
    assert response.status_code == 302
    talk = Talk.objects.get()
    assert [tag.name for tag in talk.tags.all()] == ["DX"]
    assert talk.takeaways.count() == 11  # the rest of the text as it was


def test_tags_and_keywords_the_text_has_are_not_offered(editor_client):
    response = preview(editor_client, FULL)
    tags = {name.casefold() for name in offered(response, "tags")}
    assert not tags & {"防災", "自治体dx", "ノーコード"}
    assert not {"防災", "ノーコード"} & set(offered(response, "keywords"))


def test_an_accepted_keyword_and_highlight_are_added_in_their_sections(
    editor_client,
):
    text = FULL.replace(
        "  1:00:00 ご清聴ありがとうございました。",
        "  10:00 避難所の情報をデジタルで共有する仕組みを職員が自ら作りました。\n\n"
        "  20:00 紙の様式をやめて、避難所の状況をその場で入力できるようにしました。\n\n"
        "  1:00:00 ご清聴ありがとうございました。",
    )
    response = preview(editor_client, text)
    keywords = offered(response, "keywords")
    assert keywords
    keyword, value = next(iter(keywords.items()))
    response = accept(editor_client, response, value)
    assert f"キーワード「{keyword}」をテキストに加えました。" in (
        response.content.decode()
    )
    highlights = offered(response, "highlights")
    assert highlights, "a transcript gives highlight suggestions"
    shown, value = next(iter(highlights.items()))
    assert shown.split(" ", 1)[0] in ("10:00", "20:00")  # its time, then its text
    response = accept(editor_client, response, value)
    assert not Talk.objects.exists()
    submit(
        editor_client,
        response,
        {"confirm": "この内容で取り込む"},
        form_id="summary-import-form",
        url=URL,
    )
    talk = Talk.objects.get()
    assert [k.text for k in talk.keywords.all()] == ["防災", "ノーコード", keyword]
    timed = [f"{h.start_seconds} {h.text}" for h in talk.highlights.all()]
    assert value.removeprefix("highlights:") in timed


def test_a_suggestion_the_text_cannot_hold_is_refused_with_a_message(editor):
    """Whatever is posted as a suggestion, the editor gets a page, never an
    error: a NUL, a tag too long, a time past any talk."""
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    for value in (
        "keywords:\x00a",
        "tags:" + "あ" * 5000,
        "highlights:99999999999999999999999 文",
    ):
        response = accept(client, preview(client, FULL), value)
        assert response.status_code == 200, value
        assert 'class="errornote' in response.content.decode(), value
        assert browser_form(response, "summary-import-form")["text"][0].strip() == (
            FULL.strip()
        )
    assert not Talk.objects.exists()


@pytest.mark.parametrize(
    "value", ["colour:red", "tags:", "highlights:soon text", "highlights:12", "x"]
)
def test_a_malformed_suggestion_says_so_and_changes_nothing(editor_client, value):
    response = accept(editor_client, preview(editor_client, FULL), value)
    assert response.status_code == 200
    assert "提案の形が正しくありません。" in response.content.decode()
    assert (
        browser_form(response, "summary-import-form")["text"][0].strip() == FULL.strip()
    )
    assert not Talk.objects.exists()
