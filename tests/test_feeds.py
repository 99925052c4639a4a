"""Atom feeds: all talks, and one tag's talks."""

import datetime as dt

import feedparser
import pytest
from lxml import etree

from summaries.models import Talk
from tests.factories import make_talk

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def fetch(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    check_rfc4287(etree.fromstring(response.content))
    return parsed


def check_rfc4287(feed):
    """What RFC 4287 requires and feedparser forgives: ids, titles, updated
    dates, an author, one alternate link per entry."""
    for element in (feed, *feed.findall(f"{ATOM}entry")):
        assert len(element.findall(f"{ATOM}id")) == 1
        assert len(element.findall(f"{ATOM}title")) == 1
        assert len(element.findall(f"{ATOM}updated")) == 1
        alternates = [
            link
            for link in element.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        assert len(alternates) == 1
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "GovDX Talks"


def test_the_feed_carries_the_summary_takeaways_tags_and_dates(client, seed):
    feed = fetch(client, "/feed/")
    assert feed.feed.title == "GovDX Talks の新着講演"
    assert feed.feed.language == "ja"
    (entry,) = feed.entries
    assert entry.title == seed.title
    assert entry.link == "http://testserver/talks/tokyo-dx-miyasaka-2024/"
    assert seed.tldr in entry.summary
    for takeaway in seed.takeaways.all():
        assert f"{takeaway.emoji} {takeaway.text}" in entry.summary
    assert [tag.term for tag in entry.tags] == [t.name for t in seed.tags.all()]
    assert entry.updated == "2026-11-26T00:00:00+00:00"
    assert entry.published == "2026-11-26T00:00:00+00:00"


def test_markup_in_content_is_text_in_the_feed(client, db):
    make_talk(title="<b>太字</b> & 記号", tldr="<script>alert(1)</script>")
    entry = fetch(client, "/feed/").entries[0]
    assert entry.title == "<b>太字</b> & 記号"
    assert "&lt;script&gt;" in entry.summary


def test_the_feed_lists_public_talks_newest_first(client, db):
    now = dt.datetime.now(dt.UTC)
    old = make_talk(published_at=now - dt.timedelta(days=2))
    new = make_talk(published_at=now - dt.timedelta(days=1))
    make_talk(status=Talk.Status.DRAFT)
    make_talk(published_at=now + dt.timedelta(days=1))
    titles = [entry.title for entry in fetch(client, "/feed/").entries]
    assert titles == [new.title, old.title]


def test_a_tag_feed_has_only_that_tags_talks(client, seed):
    make_talk(title="別の講演", tags=["防災"])
    feed = fetch(client, "/tags/%E9%98%B2%E7%81%BD/feed/")  # 防災
    assert feed.feed.title == "GovDX Talks: タグ「防災」の講演"
    assert feed.feed.link == "http://testserver/tags/%E9%98%B2%E7%81%BD/"
    assert [entry.title for entry in feed.entries] == ["別の講演"]


def test_a_tag_without_public_talks_has_no_feed(client, db):
    make_talk(tags=["下書きだけ"], status=Talk.Status.DRAFT)
    assert client.get("/tags/下書きだけ/feed/").status_code == 404
    assert client.get("/tags/no-such-tag/feed/").status_code == 404


def test_the_feed_costs_the_same_queries_for_many_talks(
    client, db, django_assert_num_queries
):
    make_talk(tags=["a"], takeaways=2)
    with django_assert_num_queries(5):
        client.get("/feed/")
    for _ in range(20):
        make_talk(tags=["a", "b"], takeaways=3)
    with django_assert_num_queries(5):
        client.get("/feed/")
