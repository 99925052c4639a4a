"""The per-address limit on readers' posts: an office passes, a flood is slowed."""

from types import SimpleNamespace

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from summaries.ratings import ratelimit
from summaries.ratings.models import Feedback, Rating
from tests.factories import make_talk

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock_inside_one_window(monkeypatch):
    """Windows are fixed: a real clock can close one between two votes of a
    slow run (a loaded CI machine), and the count starts again. These tests
    are about counting, so their clock stands 10 s into a window; tests of
    the clock pass `now=`."""
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 1_800_000_010))


def vote(talk, score="4", address="203.0.113.7", as_json=False, **headers):
    """A new reader (own cookie jar) voting from `address`."""
    if as_json:
        headers["Accept"] = "application/json"
    return Client(REMOTE_ADDR=address).post(
        reverse("summaries:talk-rate", kwargs={"slug": talk.slug}),
        {"score": score},
        headers=headers,
    )


def test_an_office_of_150_readers_behind_one_address_all_vote_by_default():
    talk = make_talk()
    statuses = {vote(talk, str(n % 5 + 1)).status_code for n in range(150)}
    assert statuses == {303}
    assert Rating.objects.count() == 150


@override_settings(RATING_RATE_LIMIT=3)
def test_past_the_limit_a_vote_gets_429_with_retry_after_in_japanese():
    talk = make_talk()
    assert [vote(talk).status_code for _ in range(3)] == [303, 303, 303]
    response = vote(talk)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    page = response.content.decode()
    assert "短い時間に送信が集中しています。" in page
    assert f"{response['Retry-After']}秒ほど待ってから" in page
    as_json = vote(talk, as_json=True)
    assert as_json.status_code == 429
    assert "もう一度送信してください。" in as_json.json()["error"]
    assert Rating.objects.count() == 3


@override_settings(RATING_RATE_LIMIT=2)
def test_the_limit_is_per_address_and_per_form():
    talk = make_talk()
    for _ in range(2):
        vote(talk)
    assert vote(talk).status_code == 429
    assert vote(talk, address="198.51.100.1").status_code == 303
    feedback = Client(REMOTE_ADDR="203.0.113.7").post(
        reverse("summaries:talk-feedback", kwargs={"slug": talk.slug}),
        {"helpful": "yes"},
    )
    assert feedback.status_code == 303


@override_settings(RATING_RATE_LIMIT=2)
def test_feedback_answers_are_limited_too():
    talk = make_talk()
    url = reverse("summaries:talk-feedback", kwargs={"slug": talk.slug})
    client = Client(REMOTE_ADDR="203.0.113.7")
    statuses = [client.post(url, {"helpful": "no"}).status_code for _ in range(3)]
    assert statuses == [303, 303, 429]
    assert Feedback.objects.count() == 2


@override_settings(RATING_RATE_LIMIT=2)
def test_bad_posts_and_unknown_talks_count_against_the_limit_too(client):
    talk = make_talk()
    assert vote(talk, score="9").status_code == 400
    missing = Client(REMOTE_ADDR="203.0.113.7").post("/talks/no-such-talk/rate/")
    assert missing.status_code == 404
    assert vote(talk).status_code == 429


def test_the_window_is_fixed_and_a_new_one_starts_afresh():
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.1")

    def hit(now):
        return ratelimit.hit("test", request, limit=2, window=60, now=now)

    assert [hit(600.0), hit(630.0)] == [None, None]
    assert hit(645.5) == 15  # seconds until 660, when the next window starts
    assert hit(659.9) == 1
    assert hit(660.0) is None


@override_settings(RATING_RATE_LIMIT=1)
def test_an_ipv6_household_shares_one_count():
    talk = make_talk()
    assert vote(talk, address="2001:db8:1:2::10").status_code == 303
    assert vote(talk, address="2001:db8:1:2::99").status_code == 429
    assert vote(talk, address="2001:db8:1:3::10").status_code == 303


def test_the_count_keeps_no_address():
    from summaries.ratings.models import Counter

    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
    ratelimit.hit("rating", request)
    digests = list(Counter.objects.values_list("digest", flat=True))
    assert len(digests) == 1 and "203.0.113" not in digests[0]
    assert len(digests[0]) == 64


@override_settings(RATING_RATE_LIMIT=5)
def test_a_flood_of_pages_does_not_reset_the_limit(client):
    """The count lived in the cache once: 1,500 flood GETs evicted it."""
    from django.core.cache import cache

    talk = make_talk()
    assert {vote(talk).status_code for _ in range(5)} == {303}
    for n in range(400):
        client.get(f"/tags/?flood={n}")
    cache.clear()  # the harshest churn: the whole cache gone
    assert [vote(talk).status_code for _ in range(5)] == [429] * 5
    assert Rating.objects.count() == 5


def test_expired_counts_are_deleted():
    import datetime as dt

    from django.utils import timezone

    from summaries.ratings import counters
    from summaries.ratings.models import Counter

    past = timezone.now() - dt.timedelta(seconds=1)
    counters.increment(("old",), past)
    counters._cleaned_at[0] = float("-inf")
    counters.increment(("new",), timezone.now() + dt.timedelta(minutes=1))
    assert Counter.objects.count() == 1
    assert Counter.objects.get().digest == counters.digest("new")
