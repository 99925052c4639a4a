"""One vote per reader rests on a cookie, which is easy to clear; a second,
privacy-preserving signal limits new voters per talk and address per day.
And each talk's totals are kept exactly, in the vote's transaction."""

import time

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from summaries.ratings import voting
from summaries.ratings.models import Counter, Rating, RatingTotal
from tests.factories import make_talk

pytestmark = pytest.mark.django_db


def vote(talk, score="4", address="203.0.113.7", client=None, as_json=False):
    client = client or Client(REMOTE_ADDR=address)
    headers = {"Accept": "application/json"} if as_json else {}
    return client.post(
        reverse("summaries:talk-rate", kwargs={"slug": talk.slug}),
        {"score": score},
        headers=headers,
    )


@override_settings(RATING_NEW_VOTERS_PER_ADDRESS=3)
def test_clearing_the_cookie_adds_no_vote_past_the_limit_for_one_address():
    talk = make_talk()
    # Three readers, or one reader clearing their cookie each time.
    assert [vote(talk).status_code for _ in range(3)] == [303] * 3
    refused = vote(talk)
    assert refused.status_code == 429
    assert "新しい評価を今日はこれ以上" in refused.content.decode()
    as_json = vote(talk, as_json=True)
    assert as_json.status_code == 429 and "選び直せます" in as_json.json()["error"]
    assert Rating.objects.count() == 3
    assert RatingTotal.objects.get(talk=talk).count == 3


@override_settings(RATING_NEW_VOTERS_PER_ADDRESS=1)
def test_a_reader_who_voted_may_change_their_vote_and_others_are_not_held_back():
    talk, other_talk = make_talk(), make_talk()
    reader = Client(REMOTE_ADDR="203.0.113.7")
    assert vote(talk, "2", client=reader).status_code == 303
    assert vote(talk, "5", client=reader).status_code == 303  # a change, not new
    assert vote(talk).status_code == 429  # a second new voter from this address
    assert vote(talk, address="198.51.100.4").status_code == 303  # another address
    assert vote(other_talk).status_code == 303  # another talk
    assert sorted(Rating.objects.filter(talk=talk).values_list("score", flat=True)) == [
        4,
        5,
    ]


@override_settings(RATING_NEW_VOTERS_PER_ADDRESS=1)
def test_a_new_day_starts_a_new_count(monkeypatch):
    talk = make_talk()
    assert vote(talk).status_code == 303
    assert vote(talk).status_code == 429
    tomorrow = time.time() + 86400
    monkeypatch.setattr(voting.time, "time", lambda: tomorrow)
    assert vote(talk).status_code == 303


@override_settings(RATING_NEW_VOTERS_PER_ADDRESS=1)
def test_an_ipv6_household_counts_as_one_address():
    talk = make_talk()
    assert vote(talk, address="2001:db8:1:2::10").status_code == 303
    assert vote(talk, address="2001:db8:1:2::99").status_code == 429


def test_the_count_is_a_keyed_hash_that_expires_with_the_day():
    talk = make_talk()
    vote(talk)
    rows = list(Counter.objects.all())
    assert rows and all("203.0.113.7" not in row.digest for row in rows)
    day_end = (int(time.time() // 86400) + 1) * 86400
    assert max(row.expires_at.timestamp() for row in rows) <= day_end + 1


def test_totals_follow_votes_and_changes_exactly():
    talk = make_talk()
    first, second = Client(), Client()
    vote(talk, "5", client=first)
    vote(talk, "3", client=second)
    vote(talk, "1", client=first)  # first changes their mind
    totals = RatingTotal.objects.get(talk=talk)
    assert (totals.count, totals.total) == (2, 4)
    page = Client().get(talk.get_absolute_url()).content.decode()
    assert "2.0（2件）" in page
