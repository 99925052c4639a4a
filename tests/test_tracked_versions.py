"""With Redis, a cache hit reads nothing from it: the versions a page depends
on are kept in the worker until Redis pushes word that they changed
(summaries/pagecache/tracked.py). Each test runs its own `redis-server` on a
private port and changes keys, flushes and restarts it under the worker."""

import time

import pytest
import redis as redis_py
from django.core.cache import cache
from django.test import Client

from summaries.pagecache import tracked
from tests.factories import make_talk

pytestmark = pytest.mark.django_db


def other_client(server):
    """Another server's connection to the same Redis."""
    return redis_py.Redis.from_url(server.url)


def settled():
    """After another client's write, as the next request would come: Redis
    writes the invalidation to this worker's socket right after the writer's
    reply, so a read made in the same process microseconds later can come
    first (a request through a web server cannot)."""
    time.sleep(0.01)


def reads(server):
    """How many reads Redis has answered so far."""
    stats = other_client(server).info("commandstats")
    return sum(
        stats.get(f"cmdstat_{name}", {}).get("calls", 0)
        for name in ("get", "mget", "pttl")
    )


def page(url):
    return Client(raise_request_exception=False).get(url).content.decode()


def test_a_hit_reads_nothing_from_redis(redis):
    talk = make_talk("読まない講演")
    for _ in range(3):  # rendered, then its versions kept
        assert "読まない講演" in page(talk.get_absolute_url())
    before = reads(redis)
    for _ in range(5):
        assert "読まない講演" in page(talk.get_absolute_url())
    assert reads(redis) == before


def test_a_change_pushed_by_another_server_shows_on_the_next_request(
    redis, monkeypatch, django_capture_on_commit_callbacks, django_assert_num_queries
):
    talk = make_talk("古い題名")
    for _ in range(3):
        assert "古い題名" in page(talk.get_absolute_url())
    before = reads(redis)
    with django_assert_num_queries(0):  # served from what the worker keeps
        assert "古い題名" in page(talk.get_absolute_url())
    assert reads(redis) == before
    # The write happens elsewhere: this worker does not drop its own copies,
    # only Redis's invalidation can tell it.
    monkeypatch.setattr(tracked, "forget", lambda keys: None)
    with django_capture_on_commit_callbacks(execute=True):
        talk.title = "新しい題名"
        talk.save()
    assert "新しい題名" in page(talk.get_absolute_url())


def test_kept_values_follow_redis_changes_ttls_and_flushes(redis):
    other = other_client(redis)
    key = cache.make_key("dep:example")
    other.set(key, 1)
    assert tracked.get_many(["dep:example"]) == {"dep:example": 1}
    other.set(key, 2)
    settled()
    assert tracked.get_many(["dep:example"]) == {"dep:example": 2}
    other.set(key, 3, px=300)
    settled()
    assert tracked.get_many(["dep:example"]) == {"dep:example": 3}
    time.sleep(0.35)  # the key's time to live runs out, and so does the copy
    assert tracked.get_many(["dep:example"]) == {}
    other.set(key, 4)
    settled()
    assert tracked.get_many(["dep:example"]) == {"dep:example": 4}
    other.flushall()
    settled()
    assert tracked.get_many(["dep:example"]) == {}


def test_after_a_redis_restart_nothing_kept_is_trusted(redis):
    other = other_client(redis)
    key = cache.make_key("dep:example")
    other.set(key, 1)
    assert tracked.get_many(["dep:example"]) == {"dep:example": 1}
    redis.stop()
    redis.start()  # empty, on the same port: the kept 1 may be stale
    other_client(redis).set(key, 2)
    assert tracked.get_many(["dep:example"]) == {"dep:example": 2}


def test_with_redis_down_pages_are_rendered_and_then_kept_again(redis):
    talk = make_talk("落ちても読める")
    for _ in range(3):
        assert "落ちても読める" in page(talk.get_absolute_url())
    redis.stop()
    talk.title = "落ちている間の題名"
    talk.save()
    assert "落ちている間の題名" in page(talk.get_absolute_url())
    redis.start()
    time.sleep(0.35)  # the pause after a failure ends
    for _ in range(3):
        assert "落ちている間の題名" in page(talk.get_absolute_url())
    before = reads(redis)
    assert "落ちている間の題名" in page(talk.get_absolute_url())
    assert reads(redis) == before


def test_a_silent_redis_costs_one_timeout_not_two(redis, monkeypatch):
    other_client(redis).set(cache.make_key("dep:kept"), 1)
    assert tracked.get_many(["dep:kept"]) == {"dep:kept": 1}
    tries = []
    real = tracked.TrackedValues._get_many
    monkeypatch.setattr(
        tracked.TrackedValues,
        "_get_many",
        lambda self, keys: (tries.append(keys), real(self, keys))[1],
    )
    redis.pause()
    try:
        with pytest.raises(redis_py.exceptions.TimeoutError):
            tracked.get_many(["dep:kept", "dep:new"])
    finally:
        redis.resume()
    assert len(tries) == 1  # one timeout (100 ms), not retried
    # The reply that came late is never read as another key's value.
    assert tracked.get_many(["dep:kept"]) == {"dep:kept": 1}


def test_kept_values_are_bounded(redis, monkeypatch):
    monkeypatch.setattr(tracked, "MAX_KEPT", 3)
    other = other_client(redis)
    for n in range(5):
        other.set(cache.make_key(f"dep:{n}"), n)
    for n in range(5):
        assert tracked.get_many([f"dep:{n}"]) == {f"dep:{n}": n}
        assert len(tracked._current().values) <= 3
    other.set(cache.make_key("dep:4"), 40)
    settled()
    assert tracked.get_many(["dep:4"]) == {"dep:4": 40}
