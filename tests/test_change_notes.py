"""Change notes say what changed: no hidden fields, no tags unless retagged."""

import lxml.html
import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse

from summaries.history import versions_of
from tests.factories import make_talk
from tests.html_forms import submit

pytestmark = pytest.mark.django_db


def change_url(talk):
    return reverse("admin:summaries_talk_change", args=[talk.pk])


def save(client, talk, changes):
    response = submit(client, client.get(change_url(talk)), changes)
    assert response.status_code == 302, response.context["errors"]
    return versions_of(talk.pk).first().revision.get_comment()


@pytest.fixture
def talk():
    return make_talk("講演", takeaways=2, tags=["防災", "DX"])


def test_changing_only_the_tldr_names_only_the_tldr(editor_client, talk):
    note = save(editor_client, talk, {"tldr": "新しい要約。"})
    assert note == "要約（TL;DR） を変更しました。"
    entry = LogEntry.objects.get()
    assert entry.get_change_message() == note


def test_a_save_with_no_change_says_so(editor_client, talk):
    assert save(editor_client, talk, {}) == "変更なし"


def test_tags_count_only_when_they_changed(editor_client, talk):
    # The same tags typed differently (order, width) are no change.
    assert save(editor_client, talk, {"tags": "DX、防災"}) == "変更なし"
    assert save(editor_client, talk, {"tags": "防災、窓口"}) == "タグ を変更しました。"


def test_parts_and_fields_are_named_as_editors_know_them(editor_client, talk):
    note = save(
        editor_client, talk, {"title": "新しい題", "takeaways-1-text": "直した要点"}
    )
    assert note == "タイトル と 要点 を変更しました。"


def test_no_internal_name_reaches_the_history_the_diff_or_the_stale_list(
    editor_client, editor, django_user_model, talk
):
    save(editor_client, talk, {})
    mine = editor_client.get(change_url(talk))
    colleague = django_user_model.objects.create_user("colleague", is_staff=True)
    colleague.groups.set(editor.groups.all())
    other = Client()
    other.force_login(colleague)
    save(other, talk, {"tldr": "同僚の要約。"})

    latest = versions_of(talk.pk).first()
    pages = {
        "history": editor_client.get(
            reverse("admin:summaries_talk_history", args=[talk.pk])
        ),
        "diff": editor_client.get(
            reverse("admin:summaries_talk_version", args=[talk.pk, latest.pk])
        ),
        "stale": submit(editor_client, mine, {"title": "私の題"}),
    }
    for name, response in pages.items():
        # What an editor reads (the hidden field's name is no text).
        page = lxml.html.fromstring(response.content.decode()).text_content()
        assert "要約（TL;DR） を変更しました。" in page, name
        assert "version_token" not in page, name
        assert "タグ と" not in page and ", タグ" not in page, name


def test_english_readers_get_the_labels_in_english(editor_client, talk):
    save(editor_client, talk, {"tldr": "新しい要約。"})
    page = editor_client.get(
        "/en" + reverse("admin:summaries_talk_history", args=[talk.pk])
    ).content.decode()
    assert "Changed Summary (TL;DR)." in page
    assert "version_token" not in page and "要約" not in page
