"""The admin's video import: a zip of yt-dlp's files, a preview, a confirmation."""

import io
import zipfile

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from summaries.models import Tag, Talk
from summaries.videos.models import VideoImport, VideoUpload
from tests.html_forms import submit
from tests.summary_samples import row_counts
from tests.video_samples import write_video

pytestmark = pytest.mark.django_db

URL = "/admin/videos/videoimport/upload/"
TLDR = "架空市が窓口の手続きをオンラインにまとめ、住民の声で毎月改善した取り組みです。"


def channel_zip(tmp_path, *videos):
    """A zip of a folder of yt-dlp files: `videos` are (id, write_video kwargs)."""
    folder = tmp_path / "files"
    folder.mkdir(parents=True, exist_ok=True)
    for video_id, fields in videos:
        write_video(folder, video_id, **fields)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    return buffer.getvalue()


def upload(client, data, name="channel.zip", **fields):
    file = SimpleUploadedFile(name, data, content_type="application/zip")
    return client.post(URL, {"file": file, "preview": "内容を確認する", **fields})


def test_the_url_is_the_admins_and_the_talk_list_links_to_it(editor_client):
    assert reverse("admin:videos_videoimport_upload") == URL
    page = editor_client.get(reverse("admin:summaries_talk_changelist")).content
    assert (
        f'<a href="{URL}" class="addlink">動画のファイル（zip）から取り込む</a>'
        in page.decode()
    )


def test_the_page_is_for_staff_who_may_add_talks(client, django_user_model):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    staff = django_user_model.objects.create_user(
        "s", password="x-pass-99", is_staff=True
    )
    staff.user_permissions.add(Permission.objects.get(codename="view_talk"))
    client.force_login(staff)
    assert client.get(URL).status_code == 403
    assert client.get("/admin/videos/videoimport/").status_code == 403


def test_the_page_speaks_japanese_and_names_its_limit(editor_client):
    page = editor_client.get(URL).content.decode()
    assert "<title>動画のファイル（zip）から取り込む | GovDX Talks 編集</title>" in page
    assert "zip は 100 MB までです。" in page
    assert 'name="update"' in page  # editors may change talks
    english = editor_client.get("/en" + URL)
    if english.status_code == 200:
        assert "Import from video files (zip)" in english.content.decode()


def test_preview_lists_what_would_be_made_and_writes_nothing(editor_client, tmp_path):
    Tag.objects.resolve(["窓口"])
    data = channel_zip(
        tmp_path,
        ("AbCdEfGhI_0", {"summary": TLDR, "tags": ["窓口", "新しい話題"]}),
        ("AbCdEfGhI_1", {"captions": "auto", "subtitles": {}}),
    )
    before = row_counts()
    response = upload(editor_client, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "作成 2件、更新 0件、変更なし 0件、取り込めない 0件、対象外 0件。" in page
    assert "新しく作ります（下書き）" in page
    assert "架空市の窓口改革 AbCdEfGhI_0" in page
    assert "提案タグ（サイトにないので付けません）: 新しい話題" in page
    assert "字幕: ja（自動）" in page
    assert 'name="confirm"' in page
    assert row_counts() == before
    assert VideoUpload.objects.count() == 1


def test_confirming_imports_every_video_and_links_each_talk(editor_client, tmp_path):
    data = channel_zip(tmp_path, ("AbCdEfGhI_0", {"summary": TLDR}),
                       ("AbCdEfGhI_1", {}))  # fmt: skip
    preview = upload(editor_client, data)
    response = submit(editor_client, preview, {"confirm": "この内容で取り込む"},
                      form_id="video-confirm-form", url=URL)  # fmt: skip
    page = response.content.decode()
    assert "作成 2件、更新 0件、変更なし 0件、失敗 0件、対象外 0件。" in page
    for talk in Talk.objects.all():
        assert talk.status == Talk.Status.DRAFT
        url = reverse("admin:summaries_talk_change", args=[talk.pk])
        assert f'<a href="{url}">{talk.title}</a>' in page
    assert Talk.objects.count() == 2 and VideoImport.objects.count() == 2
    assert VideoUpload.objects.count() == 0
    # The imported videos are listed, each with its talk.
    listing = editor_client.get("/admin/videos/videoimport/").content.decode()
    assert "架空市の窓口改革 AbCdEfGhI_0" in listing and "ja（手動" in listing
    # The same zip again: nothing to do.
    again = upload(editor_client, data).content.decode()
    assert "作成 0件、更新 0件、変更なし 2件" in again
    assert 'name="confirm"' not in again


def test_a_change_after_the_preview_shows_the_new_preview(editor_client, tmp_path):
    data = channel_zip(tmp_path, ("AbCdEfGhI_0", {"tags": ["窓口"]}))
    preview = upload(editor_client, data)
    Tag.objects.resolve(["窓口"])  # someone made the tag meanwhile
    response = submit(editor_client, preview, {"confirm": "この内容で取り込む"},
                      form_id="video-confirm-form", url=URL)  # fmt: skip
    page = response.content.decode()
    assert "確認の後で取り込む内容が変わりました" in page
    assert Talk.objects.count() == 0


def test_a_forged_or_spent_token_imports_nothing(editor_client, tmp_path):
    response = editor_client.post(URL, {"confirm": "1", "token": "x", "digest": "y"})
    assert "確認した zip が見つかりません" in response.content.decode()
    assert Talk.objects.count() == 0


def test_an_upload_is_only_its_uploaders(editor_client, tmp_path, django_user_model):
    preview = upload(editor_client, channel_zip(tmp_path, ("AbCdEfGhI_0", {})))
    other = django_user_model.objects.create_superuser("other", password="x-pass-9")
    client = Client()
    client.force_login(other)
    response = submit(client, preview, {"confirm": "この内容で取り込む"},
                      form_id="video-confirm-form", url=URL)  # fmt: skip
    assert "確認した zip が見つかりません" in response.content.decode()
    assert Talk.objects.count() == 0


def test_a_broken_video_is_named_and_the_others_import(editor_client, tmp_path):
    data = channel_zip(tmp_path, ("AbCdEfGhI_0", {"title": None}),
                       ("AbCdEfGhI_1", {}))  # fmt: skip
    preview = upload(editor_client, data)
    page = preview.content.decode()
    assert "AbCdEfGhI_0.info.json" in page and "「title」がありません。" in page
    submit(editor_client, preview, {"confirm": "この内容で取り込む"},
           form_id="video-confirm-form", url=URL)  # fmt: skip
    assert list(Talk.objects.values_list("video_id", flat=True)) == ["AbCdEfGhI_1"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("channel.zip", b"not a zip", "zip ファイルとして読めません"),
        ("channel.txt", b"text", "拡張子"),
    ],
)
def test_a_file_that_is_no_zip_is_refused_and_nothing_kept(
    editor_client, name, data, message
):
    page = upload(editor_client, data, name=name).content.decode()
    assert message in page
    assert VideoUpload.objects.count() == 0


def test_a_zip_over_the_limit_is_refused(editor_client, tmp_path, monkeypatch):
    from summaries.videos import admin as video_admin

    monkeypatch.setattr(video_admin, "LARGEST_ZIP", 10)
    page = upload(editor_client, channel_zip(tmp_path, ("AbCdEfGhI_0", {})))
    assert "zip が大きすぎます（100 MB まで）。" in page.content.decode()
    assert VideoUpload.objects.count() == 0


def test_a_body_over_the_limit_is_refused_before_it_is_read(editor):
    from summaries.videos.admin import BODY_LIMIT

    client = Client(raise_request_exception=False)
    client.force_login(editor)
    answer = client.post(URL, b"x", content_type="application/zip",
                         CONTENT_LENGTH=str(BODY_LIMIT + 1))  # fmt: skip
    assert answer.status_code == 413
    # A zip of the limit's size itself would be let through to the form.
    assert BODY_LIMIT > 100 * 1024 * 1024


def test_the_form_is_csrf_protected(editor, tmp_path):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    file = SimpleUploadedFile("c.zip", channel_zip(tmp_path, ("AbCdEfGhI_0", {})))
    assert client.post(URL, {"file": file, "preview": "1"}).status_code == 403


# Approval (issue 15, "Who it binds"): the confirmation goes through review's
# gate for every existing talk; new talks are drafts and are written directly.


@pytest.fixture
def approval_on(settings):
    settings.GOVDX_REQUIRE_APPROVAL = True
    settings.GOVDX_ALLOW_SELF_APPROVAL = False


def live_import(client, tmp_path):
    """AbCdEfGhI_0 imported through the admin, then published."""
    first = channel_zip(tmp_path / "first", ("AbCdEfGhI_0", {"summary": TLDR}))
    confirm(client, upload(client, first))
    talk = Talk.objects.get(video_id="AbCdEfGhI_0")
    Talk.objects.filter(pk=talk.pk).update(
        status=Talk.Status.PUBLISHED, published_at=timezone.now()
    )
    return talk


def confirm(client, preview):
    response = submit(client, preview, {"confirm": "この内容で取り込む"},
                      form_id="video-confirm-form", url=URL)  # fmt: skip
    assert response.status_code == 200
    return response.content.decode()


def retitled_zip(tmp_path):
    """The published video with a new title, and a video the site lacks."""
    return channel_zip(
        tmp_path / "second",
        ("AbCdEfGhI_0", {"summary": TLDR, "title": "架空市の窓口改革（改題）"}),
        ("AbCdEfGhI_1", {}),
    )


def test_with_approval_an_editors_update_of_a_live_talk_waits_for_review(
    approval_on, editor_client, tmp_path, django_user_model
):
    from summaries.review.models import Submission
    from summaries.roles import APPROVERS

    talk = live_import(editor_client, tmp_path)  # a new talk: written directly
    assert not Submission.objects.exists()
    old_title = talk.title
    page = confirm(editor_client, upload(editor_client, retitled_zip(tmp_path)))
    assert "作成 1件、更新 1件、変更なし 0件、失敗 0件、対象外 0件。" in page
    waiting = "更新のうち 1件は公開中の講演への変更なので、レビューに提出しました。"
    assert waiting in page
    review = reverse("admin:summaries_talk_review", args=[talk.pk])
    assert f'<a href="{review}">「{old_title}」のレビュー</a>' in page
    assert "承認待ち（レビューに提出しました）" in page
    # Readers keep the live talk; the new video is a draft, written at once.
    talk.refresh_from_db()
    assert talk.title == old_title
    assert old_title in Client().get(talk.get_absolute_url()).content.decode()
    new = Talk.objects.get(video_id="AbCdEfGhI_1")
    assert new.status == Talk.Status.DRAFT
    submission = Submission.objects.get()
    assert submission.talk_id == talk.pk
    assert submission.state == Submission.State.PENDING
    assert submission.note.startswith("動画から取り込み: channel.zip:")
    # The review page is the editor's to open; an approver applies it.
    assert editor_client.get(review).status_code == 200
    approver = django_user_model.objects.create_user(
        "approver", password="x", is_staff=True
    )
    approver.groups.add(Group.objects.get(name=APPROVERS))
    approving = Client()
    approving.force_login(approver)
    assert approving.post(review, {"text": "", "action": "approve"}).status_code == 302
    talk.refresh_from_db()
    assert talk.title == "架空市の窓口改革（改題）"
    # The import's record was kept: the approved title is the import's, so a
    # newer title from the channel updates it (not kept as an editor's).
    newer = channel_zip(
        tmp_path / "third",
        ("AbCdEfGhI_0", {"summary": TLDR, "title": "架空市の窓口改革（第三版）"}),
    )
    preview = upload(editor_client, newer).content.decode()
    assert "更新する項目: タイトル" in preview
    assert "編集者が変えたので残す項目" not in preview


def test_with_approval_an_unchanged_live_talk_submits_nothing(
    approval_on, editor_client, tmp_path, django_user_model
):
    from summaries.review.models import Submission

    talk = live_import(editor_client, tmp_path)
    again = channel_zip(tmp_path / "again", ("AbCdEfGhI_0", {"summary": TLDR}))
    preview = upload(editor_client, again).content.decode()
    assert "変更なし 1件" in preview
    assert 'name="confirm"' not in preview
    # Reached at the confirmation too (the talk changed back meanwhile): a
    # video with nothing to write is "unchanged", with no empty submission.
    from summaries.videos.admin import each_video, gated_apply

    editor = django_user_model.objects.get(username="editor")
    [(_name, video)] = list(each_video(again))
    outcome, submission = gated_apply(video, True, editor, "again.zip")
    assert (outcome.action, submission) == ("unchanged", None)
    assert not Submission.objects.filter(talk=talk).exists()


def test_with_approval_an_approvers_update_applies_at_once(
    approval_on, tmp_path, django_user_model
):
    from summaries.review.models import Submission
    from summaries.roles import APPROVERS, EDITORS

    user = django_user_model.objects.create_user("both", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS), Group.objects.get(name=APPROVERS))
    client = Client()
    client.force_login(user)
    talk = live_import(client, tmp_path)
    page = confirm(client, upload(client, retitled_zip(tmp_path)))
    assert "作成 1件、更新 1件" in page and "レビューに提出しました" not in page
    talk.refresh_from_db()
    assert talk.title == "架空市の窓口改革（改題）"
    assert not Submission.objects.exists()


def test_without_approval_an_editors_update_of_a_live_talk_applies_at_once(
    settings, editor_client, tmp_path
):
    from summaries.review.models import Submission

    settings.GOVDX_REQUIRE_APPROVAL = False
    talk = live_import(editor_client, tmp_path)
    page = confirm(editor_client, upload(editor_client, retitled_zip(tmp_path)))
    assert "作成 1件、更新 1件" in page and "レビューに提出しました" not in page
    assert (
        "架空市の窓口改革（改題）"
        in Client().get(talk.get_absolute_url()).content.decode()
    )
    assert not Submission.objects.exists()
