"""Requests Django refuses (a bad Host, too many fields, a body too large) get
the site's page in the reader's language; under /api/ every error is JSON."""

import json
import logging
import re

import pytest
from django.test import Client, override_settings
from django.test.client import encode_multipart

from summaries.api import endpoints

from .factories import make_talk

pytestmark = pytest.mark.django_db

GENERIC_JA = (
    "アドレスまたは送信内容に読み取れない部分があります。"
    "アドレスを確かめるか、前のページに戻ってやり直してください。"
)
GENERIC_EN = (
    "Part of the address or of what was sent cannot be read. Check the address,"
    " or go back to the previous page and try again."
)
TOO_MANY_JA = "送信された項目が多すぎるため、受け付けませんでした（1000個まで）。"
TOO_LARGE_JA = (
    "送信された内容が大きすぎるため、受け付けませんでした。"
    "ファイルや文章を小さく分けて、もう一度送信してください。"
)


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


@pytest.fixture
def reader():
    return Client(raise_request_exception=False, enforce_csrf_checks=True)


def many_fields(count=1001):
    return "&".join(f"f{n}=1" for n in range(count))


def form_token(reader, path):
    """Open the page as a reader does: the CSRF cookie, and the form's token."""
    page = reader.get(path).content.decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]


def assert_site_page(response, language, problem):
    page = response.content.decode()
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert f'<html lang="{language}">' in page
    assert '<a class="site-header__logo" href=' in page
    assert f'<p class="error-page__problem">{problem}</p>' in page
    assert "Bad Request (400)" not in page


@pytest.mark.parametrize(
    ("path", "language", "problem"),
    [("/talks/", "ja", GENERIC_JA), ("/en/talks/", "en", GENERIC_EN)],
)
def test_a_host_the_site_does_not_serve_gets_the_site_page(
    reader, path, language, problem
):
    response = reader.get(path, HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert_site_page(response, language, problem)
    # Nothing on the page is built from the Host header.
    assert "attacker.example" not in response.content.decode()


@override_settings(SECURE_SSL_REDIRECT=True)
def test_a_bad_host_refused_by_the_https_redirect_is_in_the_address_language():
    """With HTTPS on (production), the redirect reads the Host header before
    the language is read from the address: the page reads it itself."""
    reader = Client(raise_request_exception=False)
    english = reader.get("/en/talks/", HTTP_HOST="attacker.example")
    japanese = reader.get("/talks/", HTTP_HOST="attacker.example")
    assert (english.status_code, japanese.status_code) == (400, 400)
    assert_site_page(english, "en", GENERIC_EN)
    assert_site_page(japanese, "ja", GENERIC_JA)


def test_too_many_query_fields_get_the_site_page_and_one_log_line(reader, caplog):
    with caplog.at_level(logging.INFO, logger="govdx.request"):
        response = reader.get(f"/talks/?{many_fields()}")
    assert response.status_code == 400
    assert_site_page(response, "ja", TOO_MANY_JA)
    (line,) = [r for r in caplog.records if r.name == "govdx.request"]
    assert (line.status, line.path) == (400, "/talks/")


def test_too_many_posted_fields_get_the_site_page(reader):
    talk = make_talk()
    token = form_token(reader, f"/en{talk.get_absolute_url()}")
    response = reader.post(
        f"/en{talk.get_absolute_url()}feedback/",
        f"csrfmiddlewaretoken={token}&{many_fields()}",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert_site_page(
        response,
        "en",
        "Too many fields were sent, so nothing was accepted (at most 1000).",
    )


def test_a_form_field_over_django_limit_gets_the_site_page(editor_client, settings):
    """The admin import takes a 3 MB body, but Django still keeps at most
    DATA_UPLOAD_MAX_MEMORY_SIZE of text fields."""
    text = "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1000)
    body = encode_multipart("BoUnDaRy", {"text": text})
    response = editor_client.post(
        "/admin/summaries/talk/import/",
        body,
        content_type="multipart/form-data; boundary=BoUnDaRy",
    )
    assert response.status_code == 413
    assert_site_page(response, "ja", TOO_LARGE_JA)


# The API: JSON whatever went wrong.


def api_error(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def test_an_unknown_api_address_is_json(reader):
    assert api_error(reader.get("/api/nothing-here"), 404) == {"detail": "Not Found"}


def test_a_bad_host_on_the_api_is_json(reader):
    response = reader.get("/api/talks/", HTTP_HOST="attacker.example")
    assert api_error(response, 400) == {"detail": "Bad Request"}


def test_too_many_fields_on_the_api_is_json(reader):
    assert api_error(reader.get(f"/api/talks/?{many_fields()}"), 400) == {
        "detail": "Bad Request"
    }


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_wrong_method_on_the_api_is_json_with_allow(reader, method):
    response = getattr(reader, method)("/api/talks/")
    assert api_error(response, 405) == {"detail": "Method Not Allowed"}
    assert set(response["Allow"].split(", ")) == {"GET", "HEAD"}


def test_a_failed_precondition_on_the_api_is_json(reader):
    make_talk()
    response = reader.get("/api/talks/", HTTP_IF_MATCH='"not-this-one"')
    assert api_error(response, 412) == {"detail": "Precondition Failed"}


def test_a_server_error_in_the_api_is_json(reader, monkeypatch):
    def broken():
        raise RuntimeError("the database went away")

    monkeypatch.setattr(endpoints, "published_talks", broken)
    response = reader.get("/api/talks/")
    assert api_error(response, 500) == {"detail": "Internal Server Error"}


def test_api_errors_keep_cors_headers(reader):
    response = reader.get("/api/nothing-here", HTTP_ORIGIN="https://other.example")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_api_errors_are_json_when_gzipped(reader):
    response = reader.get(
        "/api/nothing-here" + "x" * 300, HTTP_ACCEPT_ENCODING="gzip, br"
    )
    assert api_error(response, 404) == {"detail": "Not Found"}
    assert "Content-Encoding" not in response


def test_the_api_guide_stays_a_page(reader):
    """/api/ itself is the guide for people (Japanese; English at /en/api/)."""
    response = reader.get("/api/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_a_server_error_on_a_page_is_the_500_page(reader, monkeypatch):
    from summaries.views import home

    def broken(self, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(home.HomeView, "get_context_data", broken)
    response = reader.get("/")
    assert response.status_code == 500
    assert "エラーが発生しました" in response.content.decode()
