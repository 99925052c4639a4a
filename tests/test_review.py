"""Review and approval (決裁) through the admin's real forms, approval on.

The rest of the suite runs with GOVDX_REQUIRE_APPROVAL off (pyproject.toml),
so editors there write directly; here it is on, as it is by default.
"""

import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from summaries.history import versions_of
from summaries.models import Talk
from summaries.review.models import Submission
from summaries.roles import APPROVERS, EDITORS
from tests.factories import make_channel
from tests.html_forms import submit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("_approval_on"),
]
LIST = "admin:summaries_talk_changelist"


@pytest.fixture
def _approval_on(settings):
    settings.GOVDX_REQUIRE_APPROVAL = True
    settings.GOVDX_ALLOW_SELF_APPROVAL = False


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        "editor",
        email="editor@example.jp",
        password="correct-horse-battery",
        is_staff=True,
        last_name="編集",
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def approver(django_user_model):
    user = django_user_model.objects.create_user(
        "approver", email="approver@example.jp", password="x", is_staff=True
    )
    user.groups.add(Group.objects.get(name=APPROVERS))
    return user


@pytest.fixture
def approver_client(approver):
    client = Client()
    client.force_login(approver)
    return client


def change_url(talk):
    return reverse("admin:summaries_talk_change", args=[talk.pk])


def review_url(talk):
    return reverse("admin:summaries_talk_review", args=[talk.pk])


def save(client, talk, changes):
    response = submit(client, client.get(change_url(talk)), changes)
    assert response.status_code == 302, response.context["errors"]
    return response


def review(client, talk, action, text="", when=None):
    fields = {"text": text, "action": action}
    if when is not None:
        local = timezone.localtime(when)
        fields["apply_at_0"] = local.strftime("%Y-%m-%d")
        fields["apply_at_1"] = local.strftime("%H:%M:%S")
    return client.post(review_url(talk), fields)


def public(talk):
    return Client().get(talk.get_absolute_url())


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


def test_approval_is_required_unless_the_environment_turns_it_off():
    code = (
        "from django.conf import settings; "
        "print(settings.GOVDX_REQUIRE_APPROVAL, settings.GOVDX_ALLOW_SELF_APPROVAL)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVDX_")}
    env["DJANGO_SETTINGS_MODULE"] = "govdx.settings"
    env["DJANGO_DEBUG"] = "1"
    run = lambda extra: subprocess.run(  # noqa: E731
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**env, **extra},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert run({}) == "True False"
    assert run({"GOVDX_REQUIRE_APPROVAL": "0", "GOVDX_ALLOW_SELF_APPROVAL": "1"}) == (
        "False True"
    )


def test_editor_submits_approver_approves_and_readers_see_it(
    editor_client, editor, approver_client, approver
):
    talk = add_talk(editor_client, status="published")
    # Saved as a draft: readers see nothing; an approver is asked by email.
    assert talk.status == Talk.Status.DRAFT
    assert public(talk).status_code == 404
    submission = Submission.objects.get(talk=talk)
    assert submission.state == Submission.State.PENDING
    assert submission.author == editor
    assert [m.to for m in mail.outbox] == [["approver@example.jp"]]
    assert "【レビュー依頼】新しい講演" == mail.outbox[0].subject
    assert f"http://localhost:8000{review_url(talk)}" in mail.outbox[0].body
    page = editor_client.get(reverse(LIST), {"publication": "pending"}).content.decode()
    assert "新しい講演" in page
    assert '<span class="publication publication--pending">レビュー待ち</span>' in page
    # The editor may not approve: no button, and a forged post changes nothing.
    assert 'value="approve"' not in editor_client.get(review_url(talk)).content.decode()
    response = review(editor_client, talk, "approve")
    assert "承認と差し戻しは「承認者」グループの人だけができます。" in (
        response.content.decode()
    )
    assert public(talk).status_code == 404

    mail.outbox.clear()
    response = review(approver_client, talk, "approve", "よいと思います")
    assert response.status_code == 302
    assert public(talk).status_code == 200
    talk.refresh_from_db()
    assert talk.status == Talk.Status.PUBLISHED
    assert [m.to for m in mail.outbox] == [["editor@example.jp"]]
    assert mail.outbox[0].subject == "【承認】新しい講演"
    assert "よいと思います" in mail.outbox[0].body
    assert review_url(talk) in mail.outbox[0].body
    comment = versions_of(talk.pk).first().revision.get_comment()
    assert comment == "編集 が提出し approver が承認した変更を反映"
    page = approver_client.get(reverse(LIST)).content.decode()
    assert '<span class="publication publication--live">公開中</span>' in page


def test_an_approver_publishes_directly(approver_client):
    talk = add_talk(approver_client, status="published")
    assert talk.status == Talk.Status.PUBLISHED
    assert public(talk).status_code == 200
    assert not Submission.objects.exists()


def test_send_back_needs_a_comment_and_tells_the_author(editor_client, approver_client):
    talk = add_talk(editor_client, status="published")
    mail.outbox.clear()
    page = review(approver_client, talk, "send_back").content.decode()
    assert "差し戻すときは、直してほしい点をコメントに書いてください。" in page
    assert Submission.objects.get().state == Submission.State.PENDING
    assert mail.outbox == []

    response = review(approver_client, talk, "send_back", "要約を短く")
    assert response.status_code == 302
    assert Submission.objects.get().state == Submission.State.SENT_BACK
    assert mail.outbox[0].subject == "【差し戻し】新しい講演"
    assert "要約を短く" in mail.outbox[0].body
    page = editor_client.get(reverse(LIST), {"publication": "sent_back"})
    assert '<span class="publication publication--sent_back">差し戻し</span>' in (
        page.content.decode()
    )
    form = editor_client.get(change_url(talk)).content.decode()
    assert "差し戻されています。" in form
    thread = editor_client.get(review_url(talk)).content.decode()
    assert "要約を短く" in thread

    # Fixed and submitted again: waiting once more, the old one replaced.
    save(editor_client, talk, {"tldr": "短い要約。", "status": "published"})
    states = sorted(Submission.objects.values_list("state", flat=True))
    assert states == ["pending", "replaced"]
    assert public(talk).status_code == 404


def test_four_eyes_an_approver_cannot_approve_their_own(
    editor_client, editor, approver_client
):
    talk = add_talk(editor_client, status="published")
    editor.groups.add(Group.objects.get(name=APPROVERS))
    page = editor_client.get(review_url(talk)).content.decode()
    assert "自分が提出した変更は承認できません" in page
    assert 'value="approve"' not in page
    response = review(editor_client, talk, "approve")
    assert "自分が提出した変更は承認できません" in response.content.decode()
    assert public(talk).status_code == 404
    # Another approver may.
    assert review(approver_client, talk, "approve").status_code == 302
    assert public(talk).status_code == 200


def test_small_teams_may_allow_self_approval(settings, editor_client, editor):
    settings.GOVDX_ALLOW_SELF_APPROVAL = True
    talk = add_talk(editor_client, status="published")
    editor.groups.add(Group.objects.get(name=APPROVERS))
    assert review(editor_client, talk, "approve").status_code == 302
    assert public(talk).status_code == 200
