"""The admin's import page: paste or upload, preview, confirm."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from summaries.models import Talk
from tests.html_forms import browser_form, submit
from tests.summary_samples import FULL, SEED_BYTES, SEED_TEXT, row_counts

pytestmark = pytest.mark.django_db

URL = "/admin/summaries/talk/import/"


def preview(client, text=FULL, **fields):
    return client.post(URL, {"text": text, "preview": "内容を確認する", **fields})


def confirm(client, response, changes=None):
    return submit(
        client, response, {"confirm": "この内容で取り込む", **(changes or {})}, url=URL
    )


def test_the_url_is_the_admins():
    assert reverse("admin:summaries_talk_import") == URL


def test_the_change_list_links_to_the_import_page(editor_client):
    page = editor_client.get(
        reverse("admin:summaries_talk_changelist")
    ).content.decode()
    assert f'<a href="{URL}" class="addlink">要約テキストから取り込む</a>' in page


def test_the_page_is_for_editors_who_may_add_talks(client, django_user_model):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    staff = django_user_model.objects.create_user(
        "s", password="x-pass-99", is_staff=True
    )
    staff.user_permissions.add(Permission.objects.get(codename="view_talk"))
    client.force_login(staff)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"text": FULL, "preview": "1"}).status_code == 403


def test_the_page_speaks_japanese(editor_client):
    page = editor_client.get(URL).content.decode()
    assert "<title>要約テキストから取り込む | GovDX Talks 編集</title>" in page
    assert 'lang="ja"' in page
    assert '<label for="id_text">要約テキスト:</label>' in page
    assert 'name="preview" value="内容を確認する"' in page
    assert 'name="confirm"' not in page  # nothing to confirm yet


def test_preview_shows_every_field_and_item_and_writes_nothing(editor_client):
    before = row_counts()
    text = FULL.replace("Keywords\n", "Mindmap\n\n  防災\n\nKeywords\n")
    response = preview(editor_client, text)
    assert response.status_code == 200
    page = response.content.decode()
    for shown in (
        "防災DXの最前線 〜自治体の挑戦〜",
        '自治体DXチャンネル <span class="summary-import__new">新しく作ります</span>',
        "2024年3月12日",
        "1:02:05",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "災害時の情報共有をデジタルで変えた自治体の取り組みを紹介します。",
        "<code>2024-03-12-bosai-dx-saizensen-jichitai</code>",
        "下書き（確かめてから公開してください）",
        "なし（要約テキストには登壇者が含まれません。",
        "4.5 / 5（12票）",
        "転記元ページの数字です。当サイトの読者評価にはなりません。",
        '<li>防災 <span class="summary-import__new">新しいタグ</span></li>',
        "<caption>要点（2）</caption>",
        "<td>🚒</td><td>避難所の状況をリアルタイムで共有した。</td>",
        "<td>👩\u200d💻</td><td>職員が自らノーコードで道具を作った。</td>",
        "<td>何から始めましたか?</td><td>紙の様式を減らすことから始めました。</td>",
        "<caption>アウトライン（2）</caption>",
        "<td>12:30</td><td>避難所の見える化</td>",
        "<caption>キーワード（2）</caption>",
        "<td>2</td><td>ノーコード</td>",
        "<td>05:10</td><td>「紙をやめると決めた日」</td>",
        "<td>1:00:00</td><td>ご清聴ありがとうございました。</td>",
        "注意（1件）",
        "29行目: マインドマップ（1行）は取り込みません。",
        'form="summary-import-form" name="confirm" class="default"',
    ):
        assert shown in page, shown
    assert row_counts() == before


def test_known_tags_and_channels_are_not_called_new(editor_client, seed):
    page = preview(
        editor_client,
        FULL.replace("自治体DXチャンネル", "デジタル庁ニュース").replace(
            "防災、自治体DX、ノーコード", "東京都DX防災"
        ),
    ).content.decode()
    assert "デジタル庁ニュース <span" not in page
    assert "<li>東京都</li>" in page and "<li>DX</li>" in page
    assert '<li>防災 <span class="summary-import__new">新しいタグ</span></li>' in page
    assert "タグ「防災」は既存のタグで分けられなかったので" in page


def test_text_is_escaped_in_the_preview(editor_client):
    text = FULL.replace("防災DXの最前線", "<script>alert(1)</script>")
    page = preview(editor_client, text).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_confirming_imports_a_draft_and_opens_it_for_review(editor_client):
    response = confirm(editor_client, preview(editor_client))
    talk = Talk.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:summaries_talk_change", args=[talk.pk]
    )
    assert talk.status == Talk.Status.DRAFT and talk.takeaways.count() == 2
    page = editor_client.get(response["Location"]).content.decode()
    assert (
        "「防災DXの最前線 〜自治体の挑戦〜」を下書きとして取り込みました。"
        "内容を確かめて公開してください。" in page
    )


def test_confirmation_parses_the_text_again(editor_client):
    """The browser sends the text back, never parsed data: if the text changed
    after the preview, the new content is previewed, not imported."""
    response = preview(editor_client)
    edited = FULL.replace("防災DXの最前線", "書き換えた題")
    response = confirm(editor_client, response, {"text": edited})
    assert response.status_code == 200
    page = response.content.decode()
    assert "確認の後で取り込む内容が変わりました" in page
    assert "書き換えた題 〜自治体の挑戦〜" in page
    assert not Talk.objects.exists()
    confirm(editor_client, response)  # the new preview confirmed: now it imports
    assert Talk.objects.get().title == "書き換えた題 〜自治体の挑戦〜"


def test_a_forged_digest_imports_nothing(editor_client):
    response = confirm(editor_client, preview(editor_client), {"digest": "0" * 64})
    assert response.status_code == 200
    assert not Talk.objects.exists()


def test_an_uploaded_file_is_previewed_then_imported(editor_client, seed):
    seed.delete()
    upload = SimpleUploadedFile("seed.txt", b"\xef\xbb\xbf" + SEED_BYTES)
    response = editor_client.post(URL, {"file": upload, "preview": "1"})
    assert response.status_code == 200
    fields = browser_form(response, "summary-import-form")
    assert fields["text"][0].strip() == SEED_TEXT.strip()  # confirmed as text
    assert fields["source"] == ["seed.txt"]
    assert "<caption>要点（11）</caption>" in response.content.decode()
    confirm(editor_client, response)
    talk = Talk.objects.get()
    assert talk.takeaways.count() == 11 and talk.tags.count() == 11


def test_a_shift_jis_file_is_named_and_read_when_asked(editor_client):
    data = FULL.replace("🚒 ", "").replace("👩\u200d💻 ", "").replace("•", "・")
    data = data.replace("〜", "：").encode("cp932")
    response = editor_client.post(
        URL, {"file": SimpleUploadedFile("sjis.txt", data), "preview": "1"}
    )
    assert "Shift_JIS で保存されたファイルのようです。" in response.content.decode()
    response = editor_client.post(
        URL,
        {
            "file": SimpleUploadedFile("sjis.txt", data),
            "encoding": "cp932",
            "preview": "1",
        },
    )
    assert "<caption>要点（2）</caption>" in response.content.decode()


def test_errors_name_the_line_keep_the_text_and_write_nothing(editor_client):
    before = row_counts()
    text = FULL.replace("  • 🚒 避難所の状況をリアルタイムで共有した。", "  • 🚒")
    response = preview(editor_client, text)
    assert response.status_code == 200
    page = response.content.decode()
    assert "「貼り付けたテキスト」は取り込めません。何も書き込んでいません。" in page
    assert (
        "<strong>13行目: 要点に本文がありません。"
        "「  • 絵文字 要点の文」の形で、絵文字の後に文を書いてください。</strong>"
    ) in page
    assert '<code class="summary-import__line">  • 🚒</code>' in page
    assert browser_form(response, "summary-import-form")["text"][0].strip() == (
        text.strip()
    )
    assert 'name="confirm"' not in page
    assert row_counts() == before


def test_an_uploaded_files_errors_name_the_file(editor_client):
    upload = SimpleUploadedFile("talk.txt", FULL.replace("12 Mar", "31 Feb").encode())
    page = editor_client.post(URL, {"file": upload, "preview": "1"}).content.decode()
    assert "「talk.txt」は取り込めません。" in page
    assert "4行目: 日付「31 Feb 2024」は存在しません。" in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "要約テキストを貼り付けるか、.txt ファイルを選んでください。"),
        (
            {"text": FULL, "file": SimpleUploadedFile("a.txt", b"x")},
            "テキストの貼り付けとファイルの、どちらか一方だけにしてください。",
        ),
        ({"file": SimpleUploadedFile("a.pdf", b"x")}, "txt"),
    ],
)
def test_the_form_asks_for_exactly_one_text(editor_client, fields, message):
    response = editor_client.post(URL, {**fields, "preview": "1"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Talk.objects.exists()


def test_an_existing_talk_is_shown_and_replaced_only_when_asked(editor_client, seed):
    text = SEED_TEXT.replace(
        "東京都はデジタル改革を進めており", "東京都は改革を進めており"
    )
    page = preview(editor_client, text).content.decode()
    change = reverse("admin:summaries_talk_change", args=[seed.pk])
    assert f'<a href="{change}">「{seed.title}」</a> があります。' in page
    assert "このままでは取り込めません。" in page
    assert 'name="confirm"' not in page

    response = preview(editor_client, text, update="on")
    page = response.content.decode()
    assert "取り込むと、この講演の内容を下の内容で置き換えます。" in page
    response = confirm(editor_client, response)
    assert response["Location"] == change
    seed.refresh_from_db()
    assert seed.takeaways.first().text.startswith("東京都は改革を進めており")
    assert seed.slug == "tokyo-dx-miyasaka-2024" and seed.is_public
    assert seed.talk_speakers.count() == 2


def test_the_form_is_csrf_protected(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(URL, {"text": FULL, "preview": "1"}).status_code == 403
