"""A Redis that is down or slow costs readers nothing but speed; a database
that is down is a 503 with Retry-After, not a 500.

Each test runs its own `redis-server` on a private port (tests/redis_server.py)
and stops, pauses and restarts it mid-run.
"""

import json
import logging
import time
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from summaries.pagecache import store
from summaries.ratings.models import Rating
from tests.factories import make_talk

pytestmark = pytest.mark.django_db


def reader():
    return Client(raise_request_exception=False)


def vote(talk, score=4):
    return reader().post(
        reverse("summaries:talk-rate", args=[talk.slug]), {"score": score}
    )


def everything(talk):
    """(page statuses, API status, vote status) as a reader gets them."""
    pages = [
        reader().get(url).status_code
        for url in ("/", "/talks/", talk.get_absolute_url(), "/tags/", "/feed/")
    ]
    api = reader().get("/api/talks/")
    return pages, api.status_code, vote(talk).status_code


def test_with_redis_down_pages_the_api_and_votes_still_answer(redis):
    talk = make_talk(tags=["防災"])
    assert everything(talk) == ([200] * 5, 200, 303)
    redis.stop()
    assert everything(talk) == ([200] * 5, 200, 303)
    assert Rating.objects.count() == 2
    # The vote shows: the page was rendered, not served stale.
    assert "4.0（2件）" in reader().get(talk.get_absolute_url()).content.decode()
    redis.start()
    time.sleep(0.35)  # the pause after a failure ends
    assert everything(talk) == ([200] * 5, 200, 303)
    from django.core.cache import cache

    assert any(key.startswith(b":1:page") for key in cache._cache.get_client().keys())


def test_a_silent_redis_costs_one_timeout_per_pause_not_one_per_request(
    redis, monkeypatch
):
    talk = make_talk()
    url = talk.get_absolute_url()
    reader().get(url)
    monkeypatch.setattr(store, "PAUSE", 120.0)  # longer than this test
    failures = []
    real_failed = store._failed
    monkeypatch.setattr(
        store, "_failed", lambda e: (failures.append(e), real_failed(e))
    )
    redis.pause()  # alive but silent: every read would wait for its timeout
    try:
        for _ in range(10):
            assert reader().get(url).status_code == 200
    finally:
        redis.resume()
    # One read waited its 100 ms and failed; the rest left the cache alone.
    assert len(failures) == 1
    assert type(failures[0]).__name__ == "TimeoutError"


def test_one_log_line_a_minute_not_one_per_request(redis, caplog, monkeypatch):
    caplog.set_level(logging.WARNING, logger="govdx.cache")
    monkeypatch.setattr(store, "PAUSE", 0)
    talk = make_talk()
    redis.stop()
    for _ in range(20):
        assert reader().get(talk.get_absolute_url()).status_code == 200
    lines = [r for r in caplog.records if r.name == "govdx.cache"]
    assert len(lines) == 1
    assert "does not answer" in lines[0].getMessage()


def test_healthz_reports_the_cache_next_to_the_database(redis):
    answer = reader().get("/healthz")
    assert answer.status_code == 200
    assert json.loads(answer.content) == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
    }
    redis.stop()
    answer = reader().get("/healthz")
    # The server still serves everything: keep it in the pool, but say so.
    assert answer.status_code == 200
    assert json.loads(answer.content) == {
        "status": "degraded",
        "database": "ok",
        "cache": "error",
    }


def database_down():
    return mock.patch.object(
        connection, "cursor", side_effect=OperationalError("connection refused")
    )


def test_with_the_database_down_a_page_is_a_503_with_retry_after():
    talk = make_talk()
    with database_down():
        page = reader().get(talk.get_absolute_url())
        english = reader().get("/en/talks/")
        api = reader().get("/api/talks/")
        posted = vote(talk)
    assert page.status_code == 503 and page["Retry-After"] == "30"
    assert "ただいま表示できません" in page.content.decode()
    assert "connection refused" not in page.content.decode()
    assert english.status_code == 503
    assert "not available" in english.content.decode().lower()
    assert api.status_code == 503 and api["Retry-After"] == "30"
    assert api["Content-Type"].startswith("application/json")
    assert "detail" in api.json()
    assert posted.status_code == 503


def test_with_redis_a_hit_reads_no_database(redis, django_assert_num_queries):
    talk = make_talk(tags=["防災"])
    url = talk.get_absolute_url()
    reader().get(url)
    reader().get(url)  # the versions are mirrored by the first hit
    with django_assert_num_queries(0):
        response = reader().get(url)
    assert response.status_code == 200 and talk.title in response.content.decode()


def test_with_redis_a_change_shows_on_the_next_request(
    redis, django_capture_on_commit_callbacks
):
    talk = make_talk("古い題名")
    for _ in range(2):
        assert "古い題名" in reader().get("/talks/").content.decode()
        assert "まだ評価" in reader().get(talk.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        talk.title = "新しい題名"
        talk.save()
    assert "新しい題名" in reader().get("/talks/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        vote(talk, 2)
    assert "2.0（1件）" in reader().get(talk.get_absolute_url()).content.decode()


def test_with_the_database_down_a_cached_page_is_still_served(redis):
    talk = make_talk("残る講演")
    url = talk.get_absolute_url()
    reader().get(url)
    reader().get(url)
    with database_down():
        cached = reader().get(url)
        other = reader().get("/tags/")
    assert cached.status_code == 200 and "残る講演" in cached.content.decode()
    assert other.status_code == 503


def test_with_the_database_down_a_cached_search_is_served_and_not_counted(redis):
    from summaries.search.models import SearchLog

    talk = make_talk("防災の講演", tags=["防災"])
    browser = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"}
    for _ in range(2):
        Client(**browser).get("/talks/", {"q": "防災"})
    assert SearchLog.objects.count() == 1
    with database_down():
        # Another reader: this search would be counted, but cannot be.
        page = Client(
            raise_request_exception=False, REMOTE_ADDR="203.0.113.9", **browser
        ).get("/talks/", {"q": "防災"})
    assert page.status_code == 200
    assert talk.get_absolute_url() in page.content.decode()
    assert SearchLog.objects.count() == 1


def test_without_redis_a_cached_page_is_served_when_the_database_is_down():
    talk = make_talk("残る講演")
    url = talk.get_absolute_url()
    reader().get(url)
    with database_down():
        cached = reader().get(url)
    assert cached.status_code == 200 and "残る講演" in cached.content.decode()
