"""Reading the best results band by band gives what scoring every match gives.

`Query.best` (SQLite: the ranked fields' index keyed by recency; PostgreSQL:
the GIN index's candidates, ordered by the recency beside each vector) must answer
exactly as `Query.ranked`: the same talks in the same order, and the same
count, or say it cannot (None) and leave the page to the full scoring.
"""

import datetime as dt
import random
import re

import pytest
from django.utils import timezone
from django.utils.html import strip_tags

from summaries.generated import TAGS, generate
from summaries.models import Talk
from summaries.search.models import Pin
from summaries.search.query import Query
from tests.factories import make_talk

from .search_judged import JUDGEMENTS, build

pytestmark = pytest.mark.django_db


def full(query, limit):
    parsed = Query.parse(query)
    ids = list(parsed.ranked(Talk.objects.published()).values_list("pk", flat=True))
    return ids[:limit], len(ids)


def compare(queries, limit):
    """{query: True when read by bands, False when left to full scoring}."""
    answered = {}
    for query in queries:
        best = Query.parse(query).best(limit)
        if best is None:  # a one-character term: the full scoring's own
            answered[query] = False
            continue
        assert (best.ids, best.total) == full(query, limit), query
        answered[query] = best.banded
    return answered


def test_the_judged_queries_read_by_bands_rank_as_every_match_scored():
    build()
    answered = compare([query for query, _first, _also in JUDGEMENTS], 20)
    # Many are read by bands; the others (pins, one-character terms, matches
    # only in a transcript, bands too sparse in 40 talks to fill the page
    # within MAX_CELLS) are scored whole, with the same answer.
    assert sum(answered.values()) >= len(answered) // 3
    assert answered["窓口"] and answered["東京都"]


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
    assert Query.parse("防災").best(20)[:2] == (expected, 3)
    assert full("防災", 20) == (expected, 3)


def test_a_pinned_query_is_scored_whole_in_the_same_statement():
    talks = [make_talk(f"防災の話{n}") for n in range(3)]
    pinned = make_talk("税の話")  # it does not hold the query: counted all the same
    hidden = make_talk("防災の下書き", status=Talk.Status.DRAFT)
    Pin.objects.create(query="防災", talk=pinned)
    Pin.objects.create(query="防災", talk=hidden)
    best = Query.parse("防災").best(20)
    assert not best.banded
    assert (best.ids, best.total) == full("防災", 20)
    assert best.ids[0] == pinned.pk and set(best.ids[1:]) == {t.pk for t in talks}
    assert best.total == 4
    assert Query.parse("防災").best(2)[:2] == (best.ids[:2], 4)


def test_a_one_character_term_is_left_to_the_full_scoring():
    make_talk("税の話")
    assert Query.parse("税").best(20) is None


def page(client, query, **params):
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    response = client.get("/talks/", {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_read_by_bands_is_the_page_scored_whole(client, monkeypatch):
    generate(60, seed=11)
    banded = {query: page(client, query) for query in ("防災", "ぎょうせい", "窓口")}
    monkeypatch.setattr(Query, "best", lambda self, limit: None)
    for query, content in banded.items():
        assert page(client, query) == content, query


def test_filter_counts_of_many_results_are_of_the_best_and_say_so(client, monkeypatch):
    from summaries.views import talks

    for n in range(25):
        make_talk(f"防災の話{n}", tags=["防災", "偶数" if n % 2 == 0 else "奇数"])
    monkeypatch.setattr(talks, "SAMPLE", 20)  # one page
    content = page(client, "防災")
    assert "25件の講演が見つかりました" in content
    assert "件数は、よく合う上位20件の内訳です。" in content
    # The tag 防災 on all 20 counted, 10 even and 10 odd among them.
    assert content.count('<span class="count">(20)</span>') >= 1
    assert content.count('<span class="count">(10)</span>') >= 2
    first = re.findall(r"防災の話\d+", strip_tags(content))
    assert len(first) == len(set(first)) == 20
    # The next page lies beyond the best 20: every match scored, as before,
    # and the counts the same as on the first page.
    content = page(client, "防災", page="2")
    second = re.findall(r"防災の話\d+", strip_tags(content))
    assert len(second) == 5 and not set(first) & set(second)
    assert "件数は、よく合う上位20件の内訳です。" in content
    assert content.count('<span class="count">(20)</span>') >= 1
    # A search scored whole (pinned here) counts its best 20 too.
    Pin.objects.create(query="防災", talk=Talk.objects.get(title="防災の話3"))
    content = page(client, "防災")
    assert "件数は、よく合う上位20件の内訳です。" in content
    assert content.count('<span class="count">(10)</span>') >= 2
    # A filter counts every talk it keeps.
    content = page(client, "防災", tag="偶数")
    assert "件数は" not in content and "13件の講演が見つかりました" in content
    english = client.get("/en/talks/", {"q": "防災"}).content.decode()
    assert "Counted among the best 20 results." in english


def test_a_text_excluded_from_several_columns_leaves_out_only_its_own_talks():
    """A cell that excludes the typed text from several ranked columns ("the
    word by its reading in the title, typed in none of them") keeps a talk
    that holds the text only elsewhere (here a keyword), whatever another
    talk holds in those columns."""
    from summaries.models import Keyword

    elsewhere = make_talk("行政の話")
    Keyword.objects.create(talk=elsewhere, position=1, text="ぎょうせい")
    elsewhere.save()  # indexed again with its keyword
    make_talk("ぎょうせいの窓口")
    make_talk("講演", tags=["行政"])  # the word in the tags: a later band
    make_talk("講演", tags=["行政"])
    for limit in (1, 2, 3):
        best = Query.parse("ぎょうせい").best(limit)
        assert (best.ids, best.total) == full("ぎょうせい", limit), limit
        assert best.banded, limit
    assert elsewhere.pk in Query.parse("ぎょうせい").best(2).ids
