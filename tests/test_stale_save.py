"""Two editors, one talk: the second save on top of an older form is refused."""

import pytest
from django.test import Client
from django.urls import reverse

from summaries.models import Talk
from tests.factories import make_talk
from tests.html_forms import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague_client(django_user_model, editor):
    colleague = django_user_model.objects.create_user(
        "colleague", password="another-long-password", is_staff=True
    )
    colleague.groups.set(editor.groups.all())
    client = Client()
    client.force_login(colleague)
    return client


def change_url(talk):
    return reverse("admin:summaries_talk_change", args=[talk.pk])


def test_save_after_a_colleague_saved_is_refused_with_what_changed(
    editor_client, colleague_client
):
    talk = make_talk("元の題", takeaways=2)
    # Both open the form; a first save gives the history a version to compare to.
    submit(editor_client, editor_client.get(change_url(talk)), {})
    mine = editor_client.get(change_url(talk))
    theirs = colleague_client.get(change_url(talk))
    response = submit(
        colleague_client,
        theirs,
        {"title": "同僚の題", "takeaways-1-text": "同僚の要点"},
    )
    assert response.status_code == 302

    response = submit(
        editor_client, mine, {"tldr": "私の要約。", "takeaways-0-text": "私の要点"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "保存しませんでした。" in page
    assert "colleague が保存" in page
    assert "<del>元の題</del>" in page and "<ins>同僚の題</ins>" in page
    assert "<del>📌 要点2</del>" in page and "<ins>📌 同僚の要点</ins>" in page
    # The editor's input is still in the form.
    assert "私の要約。" in page and "私の要点" in page
    talk.refresh_from_db()
    assert talk.title == "同僚の題" and talk.tldr != "私の要約。"

    # Saving again, having read the changes, is a deliberate overwrite.
    response = submit(editor_client, response, {})
    assert response.status_code == 302
    talk.refresh_from_db()
    assert talk.tldr == "私の要約。"
    assert talk.takeaways.first().text == "私の要点"


def test_save_without_a_colleague_goes_through(editor_client):
    talk = make_talk()
    form = editor_client.get(change_url(talk))
    assert 'name="version_token"' in form.content.decode()
    response = submit(editor_client, form, {"title": "直した題"})
    assert response.status_code == 302
    assert Talk.objects.get(pk=talk.pk).title == "直した題"
    # The next form carries the new token: a second save is not a conflict.
    response = submit(editor_client, editor_client.get(change_url(talk)), {})
    assert response.status_code == 302


def test_a_save_outside_the_admin_also_counts(editor_client):
    talk = make_talk("元の題")
    mine = editor_client.get(change_url(talk))
    Talk.objects.filter(pk=talk.pk).get().save()  # e.g. the importer
    response = submit(editor_client, mine, {"title": "私の題"})
    assert response.status_code == 200
    assert "保存しませんでした。" in response.content.decode()
    assert Talk.objects.get(pk=talk.pk).title == "元の題"


def test_change_form_warns_before_leaving_with_unsaved_changes(editor_client):
    talk = make_talk()
    page = editor_client.get(change_url(talk)).content.decode()
    assert (
        '<script src="/static/summaries/js/unsaved-changes.js" type="module">'
        "</script>" in page
    )
