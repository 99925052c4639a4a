"""A body larger than its view accepts is refused on its Content-Length, before
a byte of it is read (summaries/body_limits.py). The admin import read a 50 MB
upload in full, to disk, before refusing it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import MULTIPART_CONTENT, encode_multipart

from summaries.admin.summary_import import BODY_LIMIT, LARGEST_FILE
from summaries.body_limits import body_limit, limit_for

from .factories import make_talk

pytestmark = pytest.mark.django_db

IMPORT = "/admin/summaries/talk/import/"
MB = 1024 * 1024


class UnreadBody:
    """A request body that records whether anyone read it."""

    def __init__(self):
        self.read_from = False

    def read(self, *args):
        self.read_from = True
        return b""

    readline = read


@pytest.fixture
def reader():
    return Client(raise_request_exception=False, enforce_csrf_checks=True)


def post_claiming(client, path, length, content_type=MULTIPART_CONTENT):
    """POST whose Content-Length says `length` bytes; (response, body)."""
    body = UnreadBody()
    response = client.post(
        path,
        content_type=content_type,
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": body},
    )
    return response, body


def test_a_50_mb_upload_to_the_import_is_refused_unread(editor_client):
    response, body = post_claiming(editor_client, IMPORT, 50 * MB)
    page = response.content.decode()
    assert response.status_code == 413
    assert not body.read_from
    assert '<html lang="ja">' in page
    assert (
        '<p class="error-page__problem">送信された内容（50.0\xa0MB）が大きすぎるため、'
        "受け付けませんでした。このページで送信できるのは3.0\xa0MBまでです。</p>"
    ) in page


def test_the_refusal_does_not_wait_for_a_login(reader):
    """Anyone can send a body: it is refused before the admin asks who it is."""
    response, body = post_claiming(reader, IMPORT, 50 * MB)
    assert response.status_code == 413
    assert not body.read_from


def test_in_english_under_en(editor_client):
    response, _body = post_claiming(editor_client, f"/en{IMPORT}", 50 * MB)
    assert response.status_code == 413
    assert (
        "What was sent (50.0\xa0MB) is too large and was not accepted."
        " This page accepts at most 3.0\xa0MB." in response.content.decode()
    )


def test_a_file_over_2_mb_still_gets_the_form_message(editor_client):
    """Under the body limit, the form itself explains its own limit."""
    upload = SimpleUploadedFile("big.txt", b"a" * (LARGEST_FILE + 1))
    response = editor_client.post(IMPORT, {"file": upload, "preview": "1"})
    assert response.status_code == 200
    assert "ファイルが大きすぎます（2 MB まで）。" in response.content.decode()


def test_the_import_reads_a_body_over_djangos_limit_but_under_its_own(
    editor_client, settings
):
    """2.7 MB of pasted text: more than the default limit, within the import's."""
    text = "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE - 1000)
    body = encode_multipart(
        "BoUnDaRy",
        {
            "text": text,
            "file": SimpleUploadedFile("x.txt", b"b" * 200_000),
            "preview": "1",
        },
    )
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE < len(body) <= BODY_LIMIT
    response = editor_client.post(
        IMPORT, body, content_type="multipart/form-data; boundary=BoUnDaRy"
    )
    assert response.status_code == 200
    assert (
        "テキストの貼り付けとファイルの、どちらか一方だけにしてください。"
        in response.content.decode()
    )


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_other_form_takes_djangos_limit(reader, settings, prefix):
    talk = make_talk()
    path = f"{prefix}{talk.get_absolute_url()}feedback/"
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response, body = post_claiming(
        reader, path, limit + 1, "application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert not body.read_from
    response, body = post_claiming(reader, "/admin/login/", 10 * MB)
    assert response.status_code == 413
    assert not body.read_from


def test_api_refusals_are_json(reader):
    response, body = post_claiming(reader, "/api/talks/", 10 * MB)
    assert response.status_code == 413
    assert response.json() == {"detail": "Request Entity Too Large"}
    assert not body.read_from


def test_a_view_declares_its_own_limit():
    def view(request):
        return None

    assert limit_for(view) == 2621440  # Django's DATA_UPLOAD_MAX_MEMORY_SIZE
    assert limit_for(body_limit(20 * MB)(view)) == 20 * MB


def test_a_class_based_view_declares_it_on_the_class():
    from django.views import View

    class Upload(View):
        body_limit = 7 * MB

    assert limit_for(Upload.as_view()) == 7 * MB
