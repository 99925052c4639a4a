"""The talk form's 「提案」 panel: its JSON endpoint and its markup.

The suggestions themselves are tested in test_suggestions.py and
test_suggest_command.py; here, who may ask, what comes back, bad input,
and the cost of one request."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from summaries.models import Question, Takeaway, TranscriptSegment
from summaries.signals import announce

from .factories import make_talk

pytestmark = pytest.mark.django_db

LINES = [
    "今日は避難所運営のデジタル化についてお話しします。",
    "避難所の受付では紙の名簿に住民が名前を書いていました。",
    "避難所運営の名簿を電子化して、受付の待ち時間が半分になりました。",
    "天気の話は別の機会にします。",
    "避難所の混雑状況を地図で住民に知らせる仕組みも作りました。",
]


def make_evacuation_talk(extra=0):
    talk = make_talk(
        "避難所運営のデジタル化",
        tldr="避難所運営をデジタル化し、避難所の混雑を住民に知らせる。",
        tags=["住民"],
    )
    Takeaway.objects.bulk_create(
        Takeaway(talk=talk, position=i, text=f"避難所運営の名簿を電子化した{i}。")
        for i in range(1, 2 + extra)
    )
    Question.objects.create(
        talk=talk,
        position=1,
        text="避難所の混雑はどう知らせる？",
        answer="地図で示す。",
    )
    lines = LINES * (1 + extra)
    TranscriptSegment.objects.bulk_create(
        TranscriptSegment(talk=talk, position=i, start_seconds=i * 65, text=text)
        for i, text in enumerate(lines, start=1)
    )
    announce({talk.pk})
    return talk


@pytest.fixture
def talk():
    make_talk("防災アプリの話", tldr="防災と避難の話。", tags=["防災"])
    make_talk("窓口の話", tldr="窓口と避難所の話。", tags=["窓口"])
    return make_evacuation_talk()


def url(talk_or_id, kind=None):
    pk = getattr(talk_or_id, "pk", talk_or_id)
    query = f"?kind={kind}" if kind is not None else ""
    return f"/admin/summaries/talk/{pk}/suggestions/{query}"


def suggestions(editor_client, talk, kind):
    response = editor_client.get(url(talk, kind))
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["kind"] == kind
    return data["suggestions"]


def test_tags_existing_first_then_new_terms(editor_client, talk):
    tags = suggestions(editor_client, talk, "tags")
    values = [item["value"] for item in tags]
    assert values[0] == "住民"  # an existing tag standing in the text
    assert "避難所運営" in values
    assert "防災" not in values and "窓口" not in values
    assert all(item["text"] == item["value"] for item in tags)


def test_keywords_are_compound_nouns(editor_client, talk):
    keywords = suggestions(editor_client, talk, "keywords")
    assert keywords[0] == {"text": "避難所運営", "value": "避難所運営"}


def test_highlights_are_lines_for_the_text_area(editor_client, talk):
    highlights = suggestions(editor_client, talk, "highlights")
    assert 1 <= len(highlights) <= 8
    for item in highlights:
        # The text area's own form (render_lines): M:SS under an hour.
        assert re.fullmatch(r"\d+:\d\d \S.*", item["value"]), item
        assert item["value"].endswith(item["text"])
    sentence = "避難所運営の名簿を電子化して、受付の待ち時間が半分になりました。"
    expected = {"text": sentence, "seconds": 195, "value": f"3:15 {sentence}"}
    assert expected in highlights
    assert not any("天気" in item["text"] for item in highlights)


@pytest.mark.parametrize("kind", [None, "", "titles", "TAGS", "tags\x00", "あ" * 500])
def test_a_bad_kind_is_a_400_naming_the_kinds(editor_client, talk, kind):
    response = editor_client.get(url(talk, kind))
    assert response.status_code == 400
    message = response.json()["error"]
    assert "tags, keywords, highlights" in message
    assert len(message) < 200


@pytest.mark.parametrize("object_id", ["999999", "abc", "1%2F2"])
def test_an_unknown_talk_is_a_404(editor_client, object_id):
    client = editor_client
    client.raise_request_exception = False
    response = client.get(url(object_id, "tags"))
    assert response.status_code == 404


def test_only_staff_with_change_permission(client, django_user_model, talk):
    anonymous = Client(raise_request_exception=False).get(url(talk, "tags"))
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    reader = django_user_model.objects.create_user("reader", password="x")
    client.force_login(reader)
    assert client.get(url(talk, "tags")).status_code == 302
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_talk"))
    only_viewing = Client(raise_request_exception=False)
    only_viewing.force_login(viewer)
    assert only_viewing.get(url(talk, "tags")).status_code == 403


@pytest.mark.parametrize("kind", ["tags", "keywords", "highlights"])
def test_a_request_costs_the_same_whatever_the_talk_holds(
    editor_client, talk, kind, django_assert_num_queries
):
    editor_client.get(url(talk, kind))  # the session, warmed up
    with django_assert_num_queries(QUERIES[kind]):
        editor_client.get(url(talk, kind))
    big = make_evacuation_talk(extra=20)
    with django_assert_num_queries(QUERIES[kind]):
        response = editor_client.get(url(big, kind))
    assert response.status_code == 200
    assert response.json()["suggestions"]


# The session and user, the talk (with its tags), what the kind reads (texts
# and corpus counts, or the transcript): never a query per item.
QUERIES = {"tags": 11, "keywords": 10, "highlights": 7}


def test_the_change_form_offers_the_panel_loaded_on_demand(editor_client, talk):
    page = editor_client.get(f"/admin/summaries/talk/{talk.pk}/change/")
    html = page.content.decode()
    assert f'data-suggestions-url="{url(talk)}"' in html
    assert "<summary>提案</summary>" in html
    assert "提案を読み込む" in html
    assert "summaries/js/suggestions" in html
    # Nothing suggested in the page itself: the lists fill on request.
    assert '<ul class="suggestions__list" data-kind="tags"></ul>' in html
    add = editor_client.get("/admin/summaries/talk/add/").content.decode()
    assert "data-suggestions-url" not in add


def test_an_accepted_keyword_is_saved_as_written(talk):
    # The keywords text area cleans to [(None, text)] rows; they were once
    # stored as the text "(None, '避難所運営')".
    from summaries.talk_parts import write

    write(talk, keywords=[(None, "避難所運営"), "防災"])
    assert [k.text for k in talk.keywords.all()] == ["避難所運営", "防災"]


@pytest.mark.parametrize("kind", ["tags", "keywords", "highlights"])
def test_a_talk_with_nothing_to_suggest_gets_an_empty_list(editor_client, kind):
    bare = make_talk("。。。", tldr="")
    assert suggestions(editor_client, bare, kind) == []
