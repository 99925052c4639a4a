"""Review and approval (決裁) through the admin's real forms, approval on.

The rest of the suite runs with GOVDX_REQUIRE_APPROVAL off (pyproject.toml),
so editors there write directly; here it is on, as it is by default.
"""

import datetime as dt
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
from summaries.models import Tag, Talk
from summaries.review.models import ReviewEvent, Submission
from summaries.roles import APPROVERS, EDITORS
from tests.factories import make_channel, make_speaker, make_talk
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


def everywhere(text, slug):
    """Where a reader meets `text`: in the list, the feed, the API; the talk
    `slug` among the search results for `text`, and in the sitemap."""
    reader = Client()
    address = f"/talks/{slug}/"

    def page(url, **params):
        return reader.get(url, params).content.decode()

    return {
        "list": text in page(reverse("summaries:talk-list")),
        "search": address in page(reverse("summaries:talk-list"), q=text),
        "feed": text in page("/feed/"),
        "api": text in page("/api/talks/"),
        "sitemap": address in page("/sitemap.xml"),
    }


def test_a_change_to_a_live_talk_waits_and_readers_keep_the_live_one(
    editor_client, editor, approver_client
):
    talk = make_talk("公開中の講演", slug="live-talk", takeaways=2)
    live_url = talk.get_absolute_url()
    assert "講演" in public(talk).content.decode()  # warms the page cache
    save(
        editor_client,
        talk,
        {"tldr": "承認待ちの新しい要約。", "takeaways-0-text": "新しい要点"},
    )
    # Nothing written: readers, search, the API see the live talk.
    talk.refresh_from_db()
    assert talk.tldr != "承認待ちの新しい要約。"
    assert "承認待ちの新しい要約" not in public(talk).content.decode()
    seen = everywhere("承認待ちの新しい要約", "live-talk")
    assert seen == {k: k == "sitemap" for k in seen}  # the live talk is listed
    submission = Submission.objects.get()
    assert submission.kind == Submission.Kind.CHANGE
    # Staff preview at the real address shows the pending version.
    preview = editor_client.get(live_url)
    page = preview.content.decode()
    assert "レビュー待ちの変更のプレビュー" in page
    assert "承認待ちの新しい要約。" in page
    assert "新しい要点" in page
    assert "no-store" in preview["Cache-Control"]
    page = editor_client.get(reverse(LIST)).content.decode()
    assert (
        '<span class="publication publication--live">公開中</span> '
        '<span class="publication publication--pending">レビュー待ち</span>'
    ) in page
    # The review page shows what approving would change.
    page = approver_client.get(review_url(talk)).content.decode()
    assert "承認待ちの新しい要約。" in page
    assert "新しい要点" in page

    # Approved for later: still the live one, until the first read after it.
    later = timezone.now() + dt.timedelta(hours=2)
    assert review(approver_client, talk, "approve", "", later).status_code == 302
    assert "承認待ちの新しい要約" not in public(talk).content.decode()
    page = editor_client.get(reverse(LIST)).content.decode()
    assert '<span class="publication publication--change_scheduled">' in page
    # The time comes (moved back here rather than waiting): no job runs.
    past = timezone.now() - dt.timedelta(seconds=1)
    Submission.objects.update(apply_at=past)
    Talk.objects.filter(pk=talk.pk).update(change_due_at=past)
    assert "承認待ちの新しい要約。" in public(talk).content.decode()
    assert all(everywhere("承認待ちの新しい要約", "live-talk").values())
    assert Submission.objects.get().state == Submission.State.APPLIED
    version = versions_of(talk.pk).first()
    assert version.revision.get_comment() == (
        "編集 が提出し approver が承認した変更を反映"
    )
    history = editor_client.get(
        reverse("admin:summaries_talk_history", args=[talk.pk])
    ).content.decode()
    assert "編集 が提出し approver が承認した変更を反映" in history
    assert "提出" in history and "承認" in history and "反映" in history


def test_expired_talks_are_gone_for_readers_everywhere(editor_client):
    talk = make_talk("終わる講演", slug="ending", tldr="終わる講演の要約。")
    assert all(everywhere("終わる講演", "ending").values())  # and cached
    # The end comes: nothing is written, the clock alone decides.
    Talk.objects.filter(pk=talk.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    reader = Client(raise_request_exception=False)
    missing = reader.get("/talks/no-such-talk/")
    gone = reader.get(talk.get_absolute_url())
    assert gone.status_code == missing.status_code == 404
    assert reader.get("/api/talks/ending/").status_code == 404
    assert not any(everywhere("終わる講演", "ending").values())
    assert list(Talk.objects.published()) == []
    page = editor_client.get(reverse(LIST), {"publication": "expired"}).content
    assert '<span class="publication publication--expired">公開終了</span>' in (
        page.decode()
    )
    preview = editor_client.get(talk.get_absolute_url()).content.decode()
    assert "公開を終了した講演です。読者には表示されません。" in preview


def test_an_end_before_the_start_is_refused(approver_client):
    talk = make_talk("講演")
    start = timezone.localtime(talk.published_at)
    before = start - dt.timedelta(days=1)
    response = submit(
        approver_client,
        approver_client.get(change_url(talk)),
        {
            "expires_at_0": before.strftime("%Y-%m-%d"),
            "expires_at_1": before.strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 200
    assert "公開終了日時は公開日時より後にしてください。" in response.content.decode()
    talk.refresh_from_db()
    assert talk.expires_at is None


def test_restores_bulk_actions_and_imports_go_to_review_too(
    editor_client, approver_client
):
    talk = make_talk("講演", slug="restored", tldr="最初の要約。")
    save(approver_client, talk, {"tldr": "二番目の要約。"})
    save(approver_client, talk, {"tldr": "三番目の要約。"})
    first = versions_of(talk.pk).last()
    url = reverse("admin:summaries_talk_restore", args=[talk.pk, first.pk])
    response = editor_client.post(url, follow=True)
    assert "この版に戻す変更をレビューに提出しました。" in response.content.decode()
    talk.refresh_from_db()
    assert talk.tldr == "三番目の要約。"
    assert Submission.objects.get().state == Submission.State.PENDING
    assert review(approver_client, talk, "approve").status_code == 302
    talk.refresh_from_db()
    assert talk.tldr == "最初の要約。"  # the first version, before any save

    draft = make_talk("下書き", status=Talk.Status.DRAFT)
    response = editor_client.post(
        reverse(LIST),
        {"action": "publish_now", "_selected_action": [draft.pk, talk.pk]},
        follow=True,
    )
    assert "1件の講演をレビューに提出しました。" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Talk.Status.DRAFT
    assert Submission.objects.filter(talk=draft, state="pending").exists()


def test_tag_merges_are_for_approvers_when_approval_is_required(
    editor_client, approver_client
):
    one, two = Tag.objects.create(name="防災"), Tag.objects.create(name="災害対策")
    make_talk("講演", tags=[one, two])
    url = reverse("admin:summaries_tag_changelist")
    post = {"action": "merge", "_selected_action": [one.pk, two.pk]}
    response = editor_client.post(url, post, follow=True)
    assert "タグの統合は「承認者」グループの人が行います。" in response.content.decode()
    assert Tag.objects.count() == 2
    page = approver_client.post(url, post).content.decode()
    assert "タグの統合" in page and "統合する" in page


def test_the_review_thread_keeps_comments_with_who_and_when(
    editor_client, approver_client
):
    talk = make_talk("講演")
    page = editor_client.post(review_url(talk), {"action": "comment", "text": ""})
    assert "コメントが空です。" in page.content.decode()
    assert not ReviewEvent.objects.exists()
    response = editor_client.post(
        review_url(talk), {"action": "comment", "text": "写真の許諾は取れていますか"}
    )
    assert response.status_code == 302
    approver_client.post(
        review_url(talk), {"action": "comment", "text": "取れています"}
    )
    history = approver_client.get(
        reverse("admin:summaries_talk_history", args=[talk.pk])
    ).content.decode()
    first = history.index("写真の許諾は取れていますか")
    assert first < history.index("取れています", first + 5)
    events = list(ReviewEvent.objects.values_list("user__username", "action"))
    assert events == [("editor", "comment"), ("approver", "comment")]


def test_presence_tells_each_editor_who_else_is_editing_and_who_saved(
    editor_client, approver_client
):
    talk = make_talk("講演")
    url = reverse("admin:summaries_talk_presence", args=[talk.pk])
    form = editor_client.get(change_url(talk)).content.decode()
    assert f'data-url="{url}"' in form
    token = form.split('name="version_token" value="')[1].split('"')[0]
    first = editor_client.post(url, {"opened": token}).json()
    assert first == {"others": [], "saved": [], "submitted": [], "stale": False}
    approver_client.post(url, {"opened": token})
    now = editor_client.post(url, {"opened": token}).json()
    assert [other["who"] for other in now["others"]] == ["approver"]
    save(approver_client, talk, {"tldr": "保存した要約。"})
    now = editor_client.post(url, {"opened": token}).json()
    assert [saved["who"] for saved in now["saved"]] == ["approver"]
    assert now["stale"] is True
    # Staff only, JSON, POST only.
    assert Client().post(url, {"opened": token}).status_code == 302
    assert editor_client.get(url).status_code == 405


def test_captions_of_a_live_talk_go_to_review(editor_client, approver_client):
    from tests.test_import_captions import VTT

    talk = make_talk(transcript=2, duration_seconds=600)
    url = reverse("admin:summaries_talk_captions", args=[talk.pk])
    preview = submit(editor_client, editor_client.get(url), {"text": VTT})
    assert preview.status_code == 200, preview.content.decode()[:500]
    done = submit(editor_client, preview, {"confirm": "1"}, url=url)
    assert done.status_code == 302
    assert list(talk.transcript.values_list("text", flat=True)) == ["発言1", "発言2"]
    assert Submission.objects.get().state == Submission.State.PENDING
    assert review(approver_client, talk, "approve").status_code == 302
    texts = list(talk.transcript.values_list("text", flat=True))
    assert "宮坂：本日はデジタル庁の取り組みを紹介します。" in texts


def test_an_address_that_is_no_talk_id_is_a_404_not_an_error(editor):
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    response = client.get("/admin/summaries/talk/1/change/widgets.css/change/")
    assert response.status_code in (302, 404)
    for path in ("review/", "history/", "presence/"):
        response = client.get(f"/admin/summaries/talk/abc/{path}")
        assert response.status_code in (302, 404, 405), path


def test_the_review_page_warns_of_saves_made_after_the_submission(
    editor_client, approver_client
):
    talk = make_talk("講演", tldr="最初の要約。")
    save(editor_client, talk, {"tldr": "編集者の要約。"})
    page = approver_client.get(review_url(talk)).content.decode()
    assert "この提出の後に、講演が直接保存されています。" not in page
    save(approver_client, talk, {"title": "承認者が直した題"})
    page = approver_client.get(review_url(talk)).content.decode()
    assert "この提出の後に、講演が直接保存されています。" in page
    assert "approver が保存" in page
    # What approving does is in the table: the title goes back too.
    assert "承認者が直した題" in page


def test_a_transcript_typed_in_its_text_area_waits_for_approval(
    editor_client, approver_client
):
    talk = make_talk("講演", transcript=1, duration_seconds=600)
    save(editor_client, talk, {"transcript_lines": "0:05 承認待ちの発言"})
    assert list(talk.transcript.values_list("text", flat=True)) == ["発言1"]
    preview = editor_client.get(talk.get_absolute_url()).content.decode()
    assert "承認待ちの発言" in preview
    assert "承認待ちの発言" not in public(talk).content.decode()
    assert review(approver_client, talk, "approve").status_code == 302
    assert list(talk.transcript.values_list("start_seconds", "text")) == [
        (5, "承認待ちの発言")
    ]


def test_a_due_change_that_cannot_be_applied_never_fails_a_reader(
    editor_client, approver_client, monkeypatch
):
    from summaries.review import snapshots

    talk = make_talk("講演", slug="failing")
    save(editor_client, talk, {"tldr": "新しい要約。"})
    later = timezone.now() + dt.timedelta(hours=1)
    review(approver_client, talk, "approve", "", later)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(snapshots, "apply", broken)
    past = timezone.now() - dt.timedelta(seconds=1)
    Submission.objects.update(apply_at=past)
    Talk.objects.filter(pk=talk.pk).update(change_due_at=past)
    reader = Client(raise_request_exception=False)
    assert reader.get(talk.get_absolute_url()).status_code == 200
    assert Submission.objects.get().state == Submission.State.PENDING
    assert Talk.objects.get(pk=talk.pk).change_due_at is None
    thread = approver_client.get(review_url(talk)).content.decode()
    assert "予定の日時に反映できませんでした。" in thread


def test_names_live_talks_show_are_for_approvers_when_approval_is_required(
    editor_client, approver_client
):
    """Renaming a tag, speaker or channel changes every talk showing it."""
    live, draft_only = (
        Tag.objects.create(name="防災"),
        Tag.objects.create(name="下書き用"),
    )
    make_talk("公開中の講演", tags=[live])
    make_talk("下書き", tags=[draft_only], status=Talk.Status.DRAFT)
    url = reverse("admin:summaries_tag_change", args=[live.pk])
    page = editor_client.get(url).content.decode()
    assert "名前の変更と削除は「承認者」グループの人が行います。" in page
    assert 'name="name"' not in page  # read only
    response = editor_client.post(url, {"name": "災害", "slug": "saigai"})
    assert response.status_code == 403
    live.refresh_from_db()
    assert live.name == "防災"
    # A tag no reader sees is the editor's to rename, as before.
    other = reverse("admin:summaries_tag_change", args=[draft_only.pk])
    editor_client.post(other, {"name": "下書きの名前", "slug": "shitagaki"})
    draft_only.refresh_from_db()
    assert draft_only.name == "下書きの名前"
    # Approvers rename live ones.
    approver_client.post(url, {"name": "災害", "slug": "saigai"})
    live.refresh_from_db()
    assert live.name == "災害"
    speaker = make_talk("講演", speakers=[make_speaker("宮坂")]).speakers.get()
    speaker_url = reverse("admin:summaries_speaker_change", args=[speaker.pk])
    assert editor_client.post(speaker_url, {"name": "別名"}).status_code == 403
    channel = Talk.objects.get(title="公開中の講演").channel
    channel_url = reverse("admin:summaries_channel_delete", args=[channel.pk])
    assert editor_client.post(channel_url, {"post": "yes"}).status_code == 403


def test_a_save_that_changes_nothing_readers_see_needs_no_approval(editor_client):
    """A live talk's form saved as it was, or its summary text imported again:
    nothing to decide on, so no submission waits in the queue."""
    from summaries.importer import to_data
    from summaries.summary_format import render

    talk = make_talk("そのままの講演", tldr="変えない要約。", takeaways=2)
    save(editor_client, talk, {})
    assert not Submission.objects.exists()

    text = render(to_data(talk))
    url = reverse("admin:summaries_talk_import")
    preview = editor_client.post(url, {"text": text, "update": "on", "preview": "1"})
    response = submit(editor_client, preview, {"confirm": "1"}, url=url)
    assert response.status_code == 302
    assert not Submission.objects.exists()
    talk.refresh_from_db()
    assert talk.tldr == "変えない要約。"

    save(editor_client, talk, {"tldr": "変えた要約。"})  # a real change still waits
    assert Submission.objects.get().state == Submission.State.PENDING
