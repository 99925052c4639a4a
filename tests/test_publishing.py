"""Drafts, schedules and bulk publishing, through the admin's real forms."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from summaries.history import versions_of
from summaries.models import Talk
from tests.factories import make_channel, make_talk
from tests.html_forms import submit

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:summaries_talk_changelist"


def add_talk(client, **changes):
    channel = make_channel()
    fields = {
        "title": "新しい講演",
        "slug": "new-talk",
        "channel": str(channel.pk),
        "tldr": "要約。",
        "video_date": "2024-06-05",
        "duration_seconds": "11:14",
        **changes,
    }
    response = submit(client, client.get(reverse("admin:summaries_talk_add")), fields)
    assert response.status_code == 302, response.context["errors"]
    return Talk.objects.get(slug="new-talk")


def test_save_as_draft_publish_now_or_schedule(editor_client):
    reader = Client()
    talk = add_talk(editor_client, status="draft")
    assert reader.get(talk.get_absolute_url()).status_code == 404

    later = timezone.localtime() + dt.timedelta(days=1)
    url = reverse("admin:summaries_talk_change", args=[talk.pk])
    response = submit(
        editor_client,
        editor_client.get(url),
        {
            "status": "published",
            "published_at_0": later.strftime("%Y-%m-%d"),
            "published_at_1": later.strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 302, response.context["errors"]
    assert reader.get(talk.get_absolute_url()).status_code == 404
    page = editor_client.get(reverse(CHANGELIST), {"publication": "scheduled"})
    assert "新しい講演" in page.content.decode()
    # The moment comes: no job runs, the query lets it through.
    Talk.objects.filter(pk=talk.pk).update(
        published_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert reader.get(talk.get_absolute_url()).status_code == 200


def test_list_marks_each_state(editor_client):
    make_talk("公開の講演")
    make_talk("下書きの講演", status=Talk.Status.DRAFT)
    make_talk("予約の講演", published_at=timezone.now() + dt.timedelta(hours=3))
    page = editor_client.get(reverse(CHANGELIST)).content.decode()
    assert '<span class="publication publication--live">公開中</span>' in page
    assert '<span class="publication publication--draft">下書き</span>' in page
    assert '<span class="publication publication--scheduled">予約</span>' in page


def test_bulk_publish_and_unpublish(editor_client):
    draft = make_talk("下書き", status=Talk.Status.DRAFT)
    scheduled = make_talk("予約", published_at=timezone.now() + dt.timedelta(days=3))
    live = make_talk("公開中")
    url = reverse(CHANGELIST)
    response = editor_client.post(
        url,
        {
            "action": "publish_now",
            "_selected_action": [draft.pk, scheduled.pk, live.pk],
        },
        follow=True,
    )
    assert "2件の講演を公開しました。" in response.content.decode()
    assert set(Talk.objects.published()) == {draft, scheduled, live}
    assert versions_of(draft.pk).first().revision.comment == "一括操作で公開"

    response = editor_client.post(
        url,
        {"action": "unpublish", "_selected_action": [draft.pk, live.pk]},
        follow=True,
    )
    assert "2件の講演を非公開（下書き）にしました。" in response.content.decode()
    assert list(Talk.objects.published()) == [scheduled]
    assert Client().get(live.get_absolute_url()).status_code == 404


def test_with_approval_required_the_schedule_waits_for_an_approver(
    editor_client, settings, django_user_model
):
    """The same schedule as above with GOVDX_REQUIRE_APPROVAL on (its default):
    the editor's 公開 is a request; an approver's own save publishes."""
    from django.contrib.auth.models import Group

    from summaries.roles import APPROVERS

    settings.GOVDX_REQUIRE_APPROVAL = True
    reader = Client()
    talk = add_talk(editor_client, status="draft")
    later = timezone.localtime() + dt.timedelta(days=1)
    url = reverse("admin:summaries_talk_change", args=[talk.pk])
    schedule = {
        "status": "published",
        "published_at_0": later.strftime("%Y-%m-%d"),
        "published_at_1": later.strftime("%H:%M:%S"),
    }
    submit(editor_client, editor_client.get(url), schedule)
    talk.refresh_from_db()
    assert talk.status == Talk.Status.DRAFT  # a request, not a publication
    page = editor_client.get(reverse(CHANGELIST), {"publication": "pending"})
    assert "新しい講演" in page.content.decode()

    approver = django_user_model.objects.create_user("approver", is_staff=True)
    approver.groups.add(Group.objects.get(name=APPROVERS))
    approver_client = Client()
    approver_client.force_login(approver)
    response = submit(approver_client, approver_client.get(url), schedule)
    assert response.status_code == 302
    talk.refresh_from_db()
    assert talk.status == Talk.Status.PUBLISHED
    assert reader.get(talk.get_absolute_url()).status_code == 404  # scheduled
    Talk.objects.filter(pk=talk.pk).update(
        published_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert reader.get(talk.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_the_hidden_ids_are_exactly_the_talks_the_public_may_not_see():
    now = timezone.now()
    day = dt.timedelta(days=1)
    make_talk("公開中")
    make_talk("終了日が先", expires_at=now + day)
    make_talk("下書き", status=Talk.Status.DRAFT)
    make_talk("予約", published_at=now + day)
    make_talk("終了", expires_at=now - day)
    public = set(Talk.objects.published(now).values_list("title", flat=True))
    hidden = set(
        Talk.objects.filter(pk__in=Talk.objects.hidden_ids(now)).values_list(
            "title", flat=True
        )
    )
    assert public == {"公開中", "終了日が先"}
    assert hidden == {"下書き", "予約", "終了"}
