"""Canonical cache keys, a bounded space for open-ended pages, and exact
invalidation: a vote or an edit re-renders the pages that show it, and an
unrelated page is still served from the cache."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from summaries.models import Speaker, Tag
from tests.factories import make_speaker, make_talk

pytestmark = pytest.mark.django_db


def served(url, client=None):
    """(page text, number of queries): 1 query is a hit (the versions)."""
    client = client or Client()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode(), len(queries)


def is_hit(url):
    return served(url)[1] == 1


def vote(talk, score="4"):
    response = Client().post(
        reverse("summaries:talk-rate", args=[talk.slug]), {"score": score}
    )
    assert response.status_code == 303


def test_unknown_parameters_neither_mint_keys_nor_change_the_page():
    talk = make_talk(tags=["防災"])
    first, _ = served("/talks/")
    for n in range(5):
        page, queries = served(f"/talks/?utm={n}&flood={n}")
        assert queries == 1  # the page of /talks/, from the cache
        assert page == first
        assert "utm" not in page and "flood" not in page
    page, queries = served(f"{talk.get_absolute_url()}?fbclid=abc")
    assert "fbclid" not in page
    assert len(caches["default"]._cache) == 2  # /talks/ and the talk, one key each


def test_parameters_in_any_order_name_one_page():
    speaker = make_speaker("山田").slug
    make_talk(tags=["防災"], speakers=[Speaker.objects.get()])
    served(f"/talks/?speaker={speaker}&year=2024")  # two filters: open-ended
    assert served(f"/talks/?year=2024&speaker={speaker}&x=1")[1] == 1
    assert served(f"/talks/?year=2024&speaker={speaker}&page=1")[1] == 1


def test_open_ended_pages_are_kept_apart_in_a_bounded_space():
    make_talk("防災の講演", tags=["防災"])
    served("/talks/?q=防災")
    served("/talks/?q=講演")
    assert len(caches["open-pages"]._cache) == 2
    assert not caches["default"]._cache
    assert caches["open-pages"]._max_entries >= 100
    served("/talks/")
    served("/talks/?tag=" + Tag.objects.get().slug)  # one filter: shared
    assert len(caches["default"]._cache) == 2


def test_a_vote_rerenders_its_talk_and_lists_but_not_unrelated_pages():
    voted = make_talk("票を受ける講演", tags=["防災"])
    related = make_talk("関連の講演", tags=["防災"])
    unrelated = make_talk("無関係の講演", tags=["観光"])
    untouched = [
        unrelated.get_absolute_url(),
        "/tags/",
        "/speakers/",
        "/feed/",
        "/sitemap.xml",
    ]
    changed = [
        voted.get_absolute_url(),
        "/talks/",
        "/",
        "/tags/" + voted.tags.get().slug + "/",
    ]
    for url in untouched + changed + [related.get_absolute_url()]:
        served(url)
    vote(voted)
    for url in untouched:
        assert is_hit(url), url
    for url in changed:
        page, queries = served(url)
        assert queries > 1, url
        assert "4.0（1件）" in page, url
    # The related talk's card shows the new figure too.
    assert "4.0（1件）" in served(related.get_absolute_url())[0]


def test_an_edit_rerenders_what_shows_it_and_leaves_unrelated_talks_cached():
    edited = make_talk("古い題名", tags=["防災"])
    related = make_talk("関連の講演", tags=["防災"])
    unrelated = make_talk("無関係の講演", tags=["観光"])
    for url in (
        edited.get_absolute_url(),
        related.get_absolute_url(),
        unrelated.get_absolute_url(),
        "/talks/",
    ):
        served(url)
    edited.title = "新しい題名"
    edited.save()
    assert is_hit(unrelated.get_absolute_url())
    for url in (
        edited.get_absolute_url(),
        related.get_absolute_url(),
        "/talks/",
        "/feed/",
    ):
        page = served(url)[0]
        assert "新しい題名" in page and "古い題名" not in page, url


def test_a_tag_taken_off_a_talk_leaves_the_tags_page_at_once():
    talk = make_talk("外される講演", tags=["防災", "観光"])
    make_talk("残る講演", tags=["観光"])
    tag_page = "/tags/" + Tag.objects.get(name="観光").slug + "/"
    assert "外される講演" in served(tag_page)[0]
    talk.tags.remove("観光")
    assert "外される講演" not in served(tag_page)[0]


def test_a_speaker_taken_off_a_talk_leaves_the_speakers_page_at_once():
    speaker = make_speaker("山田")
    talk = make_talk("外される講演", speakers=[speaker, make_speaker("佐藤")])
    make_talk("残る講演", speakers=[speaker])
    url = f"/speakers/{speaker.slug}/"
    assert "外される講演" in served(url)[0]
    talk.talk_speakers.filter(speaker=speaker).delete()
    assert "外される講演" not in served(url)[0]
