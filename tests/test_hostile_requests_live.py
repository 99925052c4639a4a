"""Hostile requests against the production shape: gunicorn with two workers,
DEBUG off, on the suite's database (SQLite, or PostgreSQL with DATABASE_URL).

One anonymous request could hold a worker (60 tags: 30 s on PostgreSQL, until
gunicorn killed it) or make it read a 50 MB body; each is now answered at once
and every worker keeps serving.
"""

import http.client
import socket
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from tests.live_server import LiveSite, fresh_database

MB = 1024 * 1024
IMPORT = "/admin/summaries/talk/import/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    with fresh_database(folder) as database_url:
        site = LiveSite(database_url, folder)
        site.env.update(
            DJANGO_DEBUG="0", DJANGO_SETTINGS_MODULE="tests.production_settings"
        )
        site.manage("migrate", "--no-input", "-v0")
        site.manage("loaddata", "talks", "-v0")
        with site.serving(workers=2, threads=2):
            yield site
        assert "WORKER TIMEOUT" not in site.log.read_text()


def get(site, path, **headers):
    """(status, body) of a GET that must be answered within 10 s."""
    request = urllib.request.Request(site.url + path, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_sixty_tags_are_refused_at_once(site):
    query = "&".join(f"tag=x{n}" for n in range(60))
    status, page = get(site, f"/talks/?{query}")
    assert status == 400
    assert (
        "タグで絞り込めるのは一度に10個までです（このアドレスには60個あります）" in page
    )
    status, data = get(site, f"/api/talks/?{query}")
    assert status == 422
    assert get(site, "/talks/")[0] == 200


def test_ten_tags_are_answered(site):
    query = "&".join(f"tag=x{n}" for n in range(10))
    assert get(site, f"/talks/?{query}")[0] == 200
    assert get(site, f"/api/talks/?{query}")[0] == 200


def test_out_of_range_and_nul_values_are_400_pages(site):
    for query in ("year=99999", "year=999999999999999999999", "speaker=a%00b"):
        status, page = get(site, f"/talks/?{query}")
        assert status == 400, query
        assert '<html lang="ja">' in page


def test_a_50_mb_upload_is_refused_before_its_body_is_sent(site):
    """Only the headers and 64 KB are sent: the answer comes without the rest."""
    parts = urlsplit(site.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        head = (
            f"POST {IMPORT} HTTP/1.1\r\n"
            f"Host: {parts.hostname}\r\n"
            "Content-Type: multipart/form-data; boundary=x\r\n"
            f"Content-Length: {50 * MB}\r\n\r\n"
        )
        sock.sendall(head.encode() + b"a" * 65536)
        response = http.client.HTTPResponse(sock)
        response.begin()
        page = response.read().decode()
    assert response.status == 413
    assert "このページで送信できるのは3.0\xa0MBまでです。" in page
    assert get(site, "/")[0] == 200


def test_a_bad_host_gets_the_site_page(site):
    status, page = get(site, "/en/talks/", Host="attacker.example")
    assert status == 400
    assert '<html lang="en">' in page
    assert "Part of the address or of what was sent cannot be read." in page
    status, data = get(site, "/api/talks/", Host="attacker.example")
    assert (status, data) == (400, '{"detail": "Bad Request"}')


def test_other_methods_on_pages_are_405(site):
    request = urllib.request.Request(site.url + "/talks/", method="DELETE")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 405
    assert refused.value.headers["Allow"] == "GET, HEAD, OPTIONS"
