"""Reading the best results band by band gives what scoring every match gives.

`Query.best` (SQLite: the ranked fields' index keyed by recency) must answer
exactly as `Query.ranked`: the same talks in the same order, and the same
count, or say it cannot (None) and leave the page to the full scoring.
"""

import datetime as dt
import random

import pytest
from django.db import connection
from django.utils import timezone

from summaries.generated import TAGS, generate
from summaries.models import Talk
from summaries.search.query import Query
from tests.factories import make_talk

from .search_judged import JUDGEMENTS, build

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "sqlite",
        reason="the recency-keyed ranked fields' index: SQLite only",
    ),
]


def full(query, limit):
    parsed = Query.parse(query)
    ids = list(parsed.ranked(Talk.objects.published()).values_list("pk", flat=True))
    return ids[:limit], len(ids)


def compare(queries, limit):
    """{query: True when read by bands, False when left to full scoring}."""
    answered = {}
    for query in queries:
        best = Query.parse(query).best(limit)
        if best is not None:
            assert best == full(query, limit), query
        answered[query] = best is not None
    return answered


def test_the_judged_queries_read_by_bands_rank_as_every_match_scored():
    build()
    answered = compare([query for query, _first, _also in JUDGEMENTS], 20)
    # Most are read by bands; the rest (pins, one-character terms, matches
    # only in a transcript) are scored whole, with the same answer.
    assert sum(answered.values()) >= len(answered) // 2
    assert answered["京都"] and answered["ぎょうせい"]


def test_generated_talks_with_drafts_scheduled_and_ended_ones():
    generate(240, seed=7)
    now = timezone.now()
    talks = list(Talk.objects.order_by("pk"))
    rng = random.Random(3)
    for talk in rng.sample(talks, 30):
        choice = rng.randrange(3)
        if choice == 0:
            talk.status = Talk.Status.DRAFT
        elif choice == 1:
            talk.published_at = now + dt.timedelta(days=3)
        else:
            talk.expires_at = now - dt.timedelta(days=1)
        talk.save()
    words = ["防災", "書かない窓口", "ぎょうせい", "デジタル", "窓口", "データ連携"]
    words += rng.sample(sorted(TAGS), 12)
    pairs = [f"{a} {b}" for a, b in zip(words, reversed(words), strict=True)][:6]
    for limit in (5, 20, 500):
        answered = compare(words + pairs, limit)
        if limit < 500:  # all 500: the talks found only in a transcript too
            assert answered["防災"] and answered["ぎょうせい"]
            assert answered["書かない窓口"]


def test_ties_go_to_the_newest_by_the_second_then_the_higher_id():
    start = timezone.now().replace(microsecond=0) - dt.timedelta(days=1)
    same = start + dt.timedelta(microseconds=900_000)
    older = make_talk("防災の話 一", published_at=same)
    newer_id = make_talk("防災の話 二", published_at=start)
    newest = make_talk("防災の話 三", published_at=start + dt.timedelta(seconds=1))
    expected = [newest.pk, newer_id.pk, older.pk]
    assert Query.parse("防災").best(20) == (expected, 3)
    assert full("防災", 20) == (expected, 3)


def test_a_pinned_query_and_a_one_character_term_are_scored_whole():
    from summaries.search.models import Pin

    talk = make_talk("防災の話")
    make_talk("税の話")
    Pin.objects.create(query="防災", talk=talk)
    assert Query.parse("防災").best(20) is None
    assert Query.parse("税").best(20) is None
