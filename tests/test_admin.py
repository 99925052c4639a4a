"""The editor's side, through the admin's real forms."""

import re

import pytest
from django.urls import reverse

from summaries.models import Takeaway, Talk
from tests.factories import make_channel, make_talk
from tests.html_forms import submit

pytestmark = pytest.mark.django_db


def change_url(talk):
    return reverse("admin:summaries_talk_change", args=[talk.pk])


def test_changelist_shows_the_columns_editors_need(
    editor_client, django_assert_num_queries
):
    for n in range(30):
        make_talk(f"講演{n}", tags=["防災", "窓口"], takeaways=3)
    make_talk("下書きの講演", status=Talk.Status.DRAFT)
    url = reverse("admin:summaries_talk_changelist")
    # Session, user, 2 permissions, 3 filter choices, 2 counts, the page, its
    # tags, 2 for the date hierarchy: 13, and none per row.
    with django_assert_num_queries(13):
        response = editor_client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    for heading in ("タイトル", "状態", "公開日時", "動画の公開日", "要点の数", "タグ"):
        assert heading in page
    assert "下書き" in page and "公開中" in page
    assert "防災、窓口" in page


def test_changelist_filters_by_status_and_searches(editor_client):
    make_talk("公開の講演")
    make_talk("下書きの講演", status=Talk.Status.DRAFT)
    url = reverse("admin:summaries_talk_changelist")
    drafts = editor_client.get(url, {"publication": "draft"}).content.decode()
    assert "下書きの講演" in drafts and "公開の講演" not in drafts
    found = editor_client.get(url, {"q": "公開の"}).content.decode()
    assert "公開の講演" in found and "下書きの講演" not in found


def test_add_page_offers_every_inline(editor_client):
    response = editor_client.get(reverse("admin:summaries_talk_add"))
    assert response.status_code == 200
    page = response.content.decode()
    for heading in (
        "要点",
        "質問と回答",
        "アウトライン",
        "キーワード",
        "ハイライト",
        "文字起こし",
    ):
        assert heading in page
    assert "読点（、）かカンマで区切ります" in page  # help text of the tags field


def test_each_row_input_is_named_and_hidden_ones_are_not(editor_client):
    page = editor_client.get(change_url(make_talk(takeaways=2))).content.decode()
    assert 'aria-label="本文（要点 2）"' in page
    labels = re.findall(r'aria-label="([^"]*)"', page)
    assert not [label for label in labels if label.startswith("None")]
    hidden = re.findall(r'<input type="hidden"[^>]*>', page)
    assert hidden and not [tag for tag in hidden if "aria-label" in tag]


def test_editor_adds_a_talk_with_takeaways(editor_client):
    channel = make_channel("デジタル庁ニュース")
    response = editor_client.get(reverse("admin:summaries_talk_add"))
    response = submit(
        editor_client,
        response,
        {
            "title": "新しい講演",
            "slug": "new-talk",
            "channel": str(channel.pk),
            "tldr": "新しい要約。",
            "tags": "防災、窓口",
            "video_date": "2024-06-05",
            "duration_seconds": "1:02:05",
            "status": "published",
            "takeaways-TOTAL_FORMS": "2",
            "takeaways-0-emoji": "🌟",
            "takeaways-0-text": "一つ目",
            "takeaways-1-text": "二つ目",
        },
    )
    assert response.status_code == 302, response.context["errors"]
    talk = Talk.objects.get(slug="new-talk")
    assert talk.duration_seconds == 3725
    assert sorted(talk.tags.names()) == ["窓口", "防災"]
    # Blank positions are filled in, in the order of the rows.
    assert [(t.position, t.text) for t in talk.takeaways.all()] == [
        (1, "一つ目"),
        (2, "二つ目"),
    ]


def test_editor_edits_reorders_and_retags_and_the_public_page_follows(
    editor_client, client
):
    talk = make_talk("講演", tags=["防災", "窓口"], takeaways=3, questions=2)
    response = editor_client.get(change_url(talk))
    ids = [t.pk for t in talk.takeaways.all()]
    response = submit(
        editor_client,
        response,
        {
            "tldr": "書き直した要約。",
            # Swap the first two takeaways: positions 1 <-> 2.
            "takeaways-0-position": "2",
            "takeaways-1-position": "1",
            "takeaways-2-text": "直した三つ目",
            "tags": "防災, 東京都",
        },
    )
    assert response.status_code == 302, response.context["errors"]
    assert [t.pk for t in talk.takeaways.all()] == [ids[1], ids[0], ids[2]]
    page = client.get(talk.get_absolute_url()).content.decode()
    assert "書き直した要約。" in page
    assert page.index("要点2") < page.index("要点1") < page.index("直した三つ目")
    assert ">東京都</a>" in page and ">窓口</a>" not in page


def test_editor_removes_a_question(editor_client):
    talk = make_talk(questions=2)
    response = submit(
        editor_client, editor_client.get(change_url(talk)), {"questions-0-DELETE": "on"}
    )
    assert response.status_code == 302
    assert [q.text for q in talk.questions.all()] == ["質問2？"]


def test_duplicate_positions_are_refused_and_the_input_kept(editor_client):
    talk = make_talk(takeaways=2)
    response = submit(
        editor_client,
        editor_client.get(change_url(talk)),
        {"takeaways-1-position": "1", "takeaways-1-text": "編集中の文"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "重複" in page  # Django's "duplicate data" message, in Japanese
    assert "編集中の文" in page
    assert list(Takeaway.objects.values_list("text", flat=True)) == ["要点1", "要点2"]


def test_bad_length_gets_a_clear_message(editor_client):
    talk = make_talk()
    response = submit(
        editor_client, editor_client.get(change_url(talk)), {"duration_seconds": "11分"}
    )
    assert response.status_code == 200
    assert "「分:秒」か「時:分:秒」で入力してください。例: 11:14、1:02:05" in (
        response.content.decode()
    )


def test_change_form_offers_view_on_site(editor_client):
    talk = make_talk()
    page = editor_client.get(change_url(talk)).content.decode()
    assert "サイト上で表示" in page


def test_editors_cannot_manage_users_or_delete_talks(editor_client):
    talk = make_talk()
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403
    delete = reverse("admin:summaries_talk_delete", args=[talk.pk])
    assert editor_client.get(delete).status_code == 403


def test_editors_group_permissions_are_exactly_content(editor):
    perms = editor.get_all_permissions()
    assert {
        "summaries.add_talk",
        "summaries.change_talk",
        "summaries.delete_takeaway",
    } <= perms
    assert not any(p.startswith("auth.") for p in perms)
    assert "summaries.delete_talk" not in perms


def test_admin_is_staff_only(client, django_user_model):
    reader = django_user_model.objects.create_user("reader", password="x-long-password")
    client.force_login(reader)
    response = client.get(reverse("admin:summaries_talk_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_admin_speaks_japanese(editor_client):
    page = editor_client.get(reverse("admin:index")).content.decode()
    assert "GovDX Talks 編集" in page
    assert "講演サマリー" in page
    assert 'lang="ja"' in page
