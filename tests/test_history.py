"""A talk's history through the admin: versions, side-by-side changes, restore."""

import pytest
from django.urls import reverse
from reversion.models import Version

from summaries.history import recording, versions_of
from summaries.models import Tag, Talk
from tests.factories import make_speaker, make_talk
from tests.html_forms import submit

pytestmark = pytest.mark.django_db


def change_url(talk):
    return reverse("admin:summaries_talk_change", args=[talk.pk])


def history_url(talk):
    return reverse("admin:summaries_talk_history", args=[talk.pk])


def save(client, talk, changes):
    response = submit(client, client.get(change_url(talk)), changes)
    assert response.status_code == 302, response.context["errors"]
    return response


def test_every_admin_save_is_a_version_with_who_and_what(editor_client, editor):
    talk = make_talk("講演", takeaways=2, tags=["防災"])
    save(editor_client, talk, {"title": "新しい題"})
    save(editor_client, talk, {"takeaways-0-text": "直した要点"})
    versions = list(versions_of(talk.pk))
    # The talk as made before its first save, then the two saves.
    assert len(versions) == 3
    assert all(v.revision.user == editor for v in versions[:2])
    assert "最初の版" in versions[2].revision.get_comment()
    assert "要点" in versions[0].revision.get_comment()
    page = editor_client.get(history_url(talk)).content.decode()
    assert page.count("変更内容を見る") == 3
    assert "（現在の版）" in page
    assert "editor" in page


def test_version_page_shows_old_and_new_values_side_by_side(editor_client):
    talk = make_talk("講演", takeaways=2, questions=1, tags=["防災"])
    save(editor_client, talk, {})
    save(
        editor_client,
        talk,
        {
            "tldr": "書き直した<b>要約</b>。",
            "takeaways-1-emoji": "🌟",
            "takeaways-1-text": "新しい要点2",
            "questions-0-answer": "新しい回答。",
            "tags": "防災、窓口",
        },
    )
    latest = versions_of(talk.pk).first()
    url = reverse("admin:summaries_talk_version", args=[talk.pk, latest.pk])
    page = editor_client.get(url).content.decode()
    assert "<del>講演" in page and "の要約。</del>" in page
    # Escaped: an editor's markup is shown, never interpreted.
    assert "<ins>書き直した&lt;b&gt;要約&lt;/b&gt;。</ins>" in page
    assert "<del>📌 要点2</del>" in page and "<ins>🌟 新しい要点2</ins>" in page
    assert "2番目" in page
    # An edited text shows what changed in place, the rest as it was.
    assert "Q: 質問1？<br>A: <del>回答1</del>。" in page
    assert "Q: 質問1？<br>A: <ins>新しい回答</ins>。" in page
    assert "<ins>窓口</ins>" in page
    # Unchanged items are not listed.
    assert "要点1" not in page


def test_restore_asks_first_then_records_a_new_version(editor_client, client):
    speaker = make_speaker("宮坂 学")
    talk = make_talk("元の題", takeaways=3, tags=["防災"], speakers=[speaker])
    save(editor_client, talk, {})
    first = versions_of(talk.pk).first()
    ids = [t.pk for t in talk.takeaways.all()]
    save(
        editor_client,
        talk,
        {
            "title": "変えた題",
            "slug": "changed",
            # Reorder (1 <-> 3), delete the second, retag.
            "takeaways-0-position": "3",
            "takeaways-2-position": "1",
            "takeaways-1-DELETE": "on",
            "tags": "窓口",
            "talk_speakers-0-role": "聞き手",
        },
    )
    restore_url = reverse("admin:summaries_talk_restore", args=[talk.pk, first.pk])
    confirm = editor_client.get(restore_url)
    page = confirm.content.decode()
    assert "今の内容" in page and "復元後" in page
    assert "<del>変えた題</del>" in page and "<ins>元の題</ins>" in page
    assert Talk.objects.get(pk=talk.pk).title == "変えた題"  # GET changes nothing

    response = submit(editor_client, confirm, {}, url=restore_url)
    assert response.status_code == 302
    talk.refresh_from_db()
    assert talk.title == "元の題"
    assert [t.pk for t in talk.takeaways.all()] == ids
    assert [t.position for t in talk.takeaways.all()] == [1, 2, 3]
    assert list(talk.tags.names()) == ["防災"]
    assert talk.talk_speakers.get().role == ""
    assert versions_of(talk.pk).count() == 4  # first, two saves, the restore
    assert "復元" in versions_of(talk.pk).first().revision.comment
    # The slug came back and the address used in between redirects.
    redirect = client.get("/talks/changed/")
    assert redirect.status_code == 301
    assert redirect["Location"] == talk.get_absolute_url()


def test_restore_follows_a_merged_tag_to_its_target(editor_client, editor):
    talk = make_talk(tags=["デジタル化"])
    with recording("テスト", editor):
        talk.save()
    version = versions_of(talk.pk).first()
    Tag.objects.create(name="DX")
    from summaries.tag_merge import merge_tags

    merge_tags(Tag.objects.get(name="DX"), Tag.objects.filter(name="デジタル化"))
    confirm = editor_client.get(
        reverse("admin:summaries_talk_restore", args=[talk.pk, version.pk])
    )
    submit(editor_client, confirm, {}, url=confirm.request["PATH_INFO"])
    assert list(talk.tags.names()) == ["DX"]


def test_history_page_of_a_talk_never_saved_in_the_admin(editor_client):
    talk = make_talk()
    page = editor_client.get(history_url(talk)).content.decode()
    assert "記録された版はまだありません" in page


def test_readers_cannot_see_history(client, django_user_model):
    talk = make_talk()
    response = client.get(history_url(talk))
    assert response.status_code == 302
    assert Version.objects.count() == 0


def test_a_small_edit_is_marked_where_it_is_not_the_whole_text_twice():
    """Adding a phrase to the TL;DR marks that phrase: the approver need not
    compare two whole paragraphs by eye."""
    from summaries.diffs import inline

    old = "東京都は、デジタル改革を進めています。職員の育成が鍵です。"
    new = "東京都は、デジタル改革を進めています（編集者が修正）。職員の育成が鍵です。"
    assert inline(old, new) == (
        [(False, old)],
        [
            (False, "東京都は、デジタル改革を進めています"),
            (True, "（編集者が修正）"),
            (False, "。職員の育成が鍵です。"),
        ],
    )
    # A word replaced: struck out on one side, new on the other, in place.
    assert inline(
        "窓口のDXを進める自治体の取り組み", "窓口のDXを広げる自治体の取り組み"
    ) == (
        [(False, "窓口のDXを"), (True, "進め"), (False, "る自治体の取り組み")],
        [(False, "窓口のDXを"), (True, "広げ"), (False, "る自治体の取り組み")],
    )
    # Different texts, or one empty: each shown whole.
    assert inline("変えた題", "元の題") is None
    assert inline("", "新しい") is None


EDITED = "東京都は、デジタル改革を進めています（編集者が修正）。職員の育成が鍵です。"


def test_the_version_page_marks_an_appended_phrase_only(editor_client):
    talk = make_talk(
        "講演", tldr="東京都は、デジタル改革を進めています。職員の育成が鍵です。"
    )
    save(editor_client, talk, {})
    save(
        editor_client,
        talk,
        {"tldr": EDITED},
    )
    latest = versions_of(talk.pk).first()
    url = reverse("admin:summaries_talk_version", args=[talk.pk, latest.pk])
    page = editor_client.get(url).content.decode()
    assert (
        "東京都は、デジタル改革を進めています<ins>（編集者が修正）</ins>。職員の育成が鍵です。"
        in page
    )
    assert "<del>" not in page.split('class="version-diff"')[1].split("</table>")[0]
