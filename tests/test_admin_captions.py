"""The admin's 字幕から文字起こしを作成 page, through its real forms."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from summaries.history import versions_of
from tests.caption_samples import two_hour_auto
from tests.factories import make_talk
from tests.html_forms import browser_form, submit
from tests.test_import_captions import CHAPTERS, SRT, VTT

pytestmark = pytest.mark.django_db


def captions_url(talk):
    return reverse("admin:summaries_talk_captions", args=[talk.pk])


def rows(talk):
    return list(talk.transcript.values_list("start_seconds", "text"))


def upload(name, text, encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), "text/vtt")


def test_change_page_links_to_the_captions_page(editor_client):
    talk = make_talk()
    page = editor_client.get(reverse("admin:summaries_talk_change", args=[talk.pk]))
    assert captions_url(talk) in page.content.decode()
    assert "字幕から文字起こしを作成" in page.content.decode()


def test_upload_preview_confirm(editor_client, editor):
    talk = make_talk(transcript=2, outline=1, duration_seconds=600)
    page = editor_client.get(captions_url(talk))
    assert page.status_code == 200
    preview = submit(
        editor_client,
        page,
        {"file": upload("talk.vtt", VTT), "chapters": CHAPTERS},
    )
    text = preview.content.decode()
    assert preview.status_code == 200
    assert "作成される文字起こし" in text
    assert "宮坂：本日はデジタル庁の取り組みを紹介します。" in text
    assert "（今の2区間を置き換えます）" in text
    assert "（今の1章を置き換えます）" in text
    assert "東京都の事例" in text
    assert rows(talk) == [(10, "発言1"), (20, "発言2")]  # nothing written yet
    # The file's text comes back in the form; confirming posts it again.
    assert "取り組みを紹介します。" in browser_form(preview)["text"][0]
    done = submit(editor_client, preview, {"confirm": "1"})
    assert done.status_code == 302
    assert done["Location"] == reverse("admin:summaries_talk_change", args=[talk.pk])
    assert rows(talk) == [
        (1, "宮坂：本日はデジタル庁の取り組みを紹介します。"),
        (4, "まず、東京都の&事例です。"),
    ]
    assert list(talk.outline.values_list("title", flat=True)) == [
        "はじめに",
        "東京都の事例",
        "まとめ",
    ]
    version = versions_of(talk.pk).first()
    assert version.revision.user == editor
    assert version.revision.comment == "字幕から文字起こしを作成: talk.vtt"
    after = editor_client.get(done["Location"]).content.decode()
    assert "の文字起こしを2区間で作りました。" in after


def test_pasted_srt_without_chapters_keeps_the_outline(editor_client):
    talk = make_talk(outline=2)
    preview = submit(
        editor_client, editor_client.get(captions_url(talk)), {"text": SRT}
    )
    assert "今のまま（章立てなし）" in preview.content.decode()
    submit(editor_client, preview, {"confirm": "1"})
    assert rows(talk) == [
        (1, "本日はよろしくお願いします。"),
        (10, "浅沼：では始めます。"),
    ]
    assert talk.outline.count() == 2


def test_a_two_hour_auto_file_shows_counts_and_both_ends(editor_client):
    talk = make_talk(duration_seconds=7200)
    preview = submit(
        editor_client,
        editor_client.get(captions_url(talk)),
        {"file": upload("auto.vtt", two_hour_auto())},
    )
    text = preview.content.decode()
    assert "自動生成の字幕" in text
    assert "（ほか" in text
    done = submit(editor_client, preview, {"confirm": "1"})
    assert done.status_code == 302
    assert talk.transcript.count() > 300


def test_bad_captions_name_the_line_and_write_nothing(editor_client):
    talk = make_talk(transcript=1)
    bad = "WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nあ\n"
    page = submit(
        editor_client,
        editor_client.get(captions_url(talk)),
        {"file": upload("bad.vtt", bad)},
    )
    text = page.content.decode()
    assert "「bad.vtt」の字幕は読めません。何も書き込んでいません。" in text
    assert "3行目: この字幕は00:00:05.000に始まり" in text
    assert "00:00:05.000 --&gt; 00:00:02.000" in text  # the line itself
    assert rows(talk) == [(10, "発言1")]


def test_bad_chapters_are_named_as_chapters(editor_client):
    talk = make_talk()
    page = submit(
        editor_client,
        editor_client.get(captions_url(talk)),
        {"text": SRT, "chapters": "0:30 はじめに\n1:00 次\n2:00 まとめ\n"},
    )
    text = page.content.decode()
    assert "の章立ては読めません。" in text
    assert "1行目: 最初の章が0:30から始まっています。" in text
    assert not talk.transcript.exists()


def test_times_past_the_talk_length_are_a_warning_in_the_preview(editor_client):
    talk = make_talk(duration_seconds=5)
    page = submit(editor_client, editor_client.get(captions_url(talk)), {"text": SRT})
    assert "動画の長さ（0:05）より後の字幕が1個あります" in page.content.decode()


def test_an_edit_after_the_preview_shows_the_new_preview(editor_client):
    talk = make_talk()
    preview = submit(
        editor_client, editor_client.get(captions_url(talk)), {"text": SRT}
    )
    again = submit(
        editor_client,
        preview,
        {"confirm": "1", "text": SRT.replace("では始めます", "では終わります")},
    )
    assert again.status_code == 200
    assert "確認の後で作成する内容が変わりました" in again.content.decode()
    assert not talk.transcript.exists()


def test_a_file_and_a_paste_together_or_neither_are_refused(editor_client):
    talk = make_talk()
    page = editor_client.get(captions_url(talk))
    both = submit(editor_client, page, {"text": SRT, "file": upload("a.srt", SRT)})
    assert "どちらか一方だけにしてください" in both.content.decode()
    neither = submit(editor_client, page, {})
    assert "字幕ファイルを選ぶか、字幕の中身を貼り付けてください。" in (
        neither.content.decode()
    )


def test_staff_without_change_permission_are_refused(client, django_user_model):
    talk = make_talk()
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_talk"))
    client.force_login(viewer)
    assert client.get(captions_url(talk)).status_code == 403
    assert client.post(captions_url(talk), {"text": SRT}).status_code == 403
    client.logout()
    response = client.get(captions_url(talk))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_csrf_is_checked(editor):
    talk = make_talk()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    response = browser.post(captions_url(talk), {"text": SRT})
    assert response.status_code == 403
    assert not talk.transcript.exists()


def test_a_body_over_the_limit_is_refused_before_it_is_read(editor_client):
    talk = make_talk()
    response = editor_client.generic(
        "POST",
        captions_url(talk),
        b"x",
        content_type="text/plain",
        CONTENT_LENGTH=str(4 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "3.0 MB" in response.content.decode() or "3.0" in response.content.decode()
