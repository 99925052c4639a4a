"""The admin's video import in a real browser: choose a zip of yt-dlp's files
with the keyboard, read the preview, confirm, reach each talk; axe's WCAG 2.2
AA rules on the form, the preview, the result and an error."""

import zipfile

import pytest
from django.contrib.auth.models import Group

from summaries.models import Tag, Talk
from tests.video_samples import write_video

from .axe import assert_accessible

TLDR = "架空市が窓口の手続きをオンラインにまとめ、住民の声で毎月改善した取り組みです。"


def channel_zip(tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    write_video(folder, "AbCdEfGhI_0", summary=TLDR, tags=["窓口", "新しい話題"])
    write_video(folder, "AbCdEfGhI_1", captions="auto", subtitles={})
    path = tmp_path / "channel.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for file in sorted(folder.iterdir()):
            archive.write(file, file.name)
    return path


def test_an_editor_imports_a_channel_zip_with_the_keyboard(editor_page, tmp_path):
    Tag.objects.resolve(["窓口"])
    page = editor_page
    page.goto("/admin/summaries/talk/")
    page.get_by_role("link", name="動画のファイル（zip）から取り込む").press("Enter")
    page.wait_for_url("**/videoimport/upload/")
    assert_accessible(page)

    page.get_by_label("yt-dlp のファイルの zip").set_input_files(channel_zip(tmp_path))
    page.get_by_role("button", name="内容を確認する").press("Enter")
    page.wait_for_load_state()
    table = page.get_by_role("table", name="動画ごとの内容")
    assert table.is_visible()
    text = table.inner_text()
    assert "新しく作ります（下書き）" in text
    assert "提案タグ（サイトにないので付けません）: 新しい話題" in text
    assert "作成 2件" in page.locator("#preview-counts").inner_text()
    assert not Talk.objects.exists()
    assert_accessible(page)

    confirm = page.get_by_role("button", name="この内容で取り込む")
    confirm.focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    status = page.get_by_role("status")
    assert "作成 2件、更新 0件、変更なし 0件、失敗 0件" in status.inner_text()
    assert Talk.objects.filter(status=Talk.Status.DRAFT).count() == 2
    assert_accessible(page)

    # Each talk is one link away.
    talk = Talk.objects.get(video_id="AbCdEfGhI_0")
    link = page.get_by_role("link", name=talk.title)
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/talk/{talk.pk}/change/")


def test_a_file_that_is_no_zip_is_announced(editor_page, tmp_path):
    page = editor_page
    page.goto("/admin/videos/videoimport/upload/")
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"not a zip at all")
    page.get_by_label("yt-dlp のファイルの zip").set_input_files(broken)
    page.get_by_role("button", name="内容を確認する").click()
    page.wait_for_load_state()
    alert = page.get_by_role("alert")
    assert "zip ファイルとして読めません" in alert.inner_text()
    assert_accessible(page)
    assert not Talk.objects.exists()


@pytest.mark.django_db
def test_the_import_pages_are_valid_html(client, django_user_model, tmp_path):
    from tests.html_forms import submit

    from . import tools
    from .html_checker import invalid_pages

    tools.need_vnu()
    user = django_user_model.objects.create_user(
        "video-html", password="correct-horse-battery", is_staff=True
    )
    user.groups.add(Group.objects.get(name="編集者"))
    client.force_login(user)
    url = "/admin/videos/videoimport/upload/"
    pages = {"upload": client.get(url)}
    with open(channel_zip(tmp_path), "rb") as file:
        pages["preview"] = client.post(url, {"file": file, "preview": "1"})
    pages["done"] = submit(client, pages["preview"], {"confirm": "1"},
                           form_id="video-confirm-form", url=url)  # fmt: skip
    pages["list"] = client.get("/admin/videos/videoimport/")
    assert invalid_pages(pages, tmp_path) == {}
