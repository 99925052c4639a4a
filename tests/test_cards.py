"""Talk cards (summaries/views/cards.py): what every list of talks shows of
each talk, written in Python instead of a template include."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from lxml import html

from summaries.models import Talk
from summaries.ratings.models import RatingTotal
from summaries.signals import announce
from summaries.views import cards

from .factories import make_channel, make_speaker, make_talk

pytestmark = pytest.mark.django_db


def _card_talk():
    talk = make_talk(
        "<script>alert(1)</script> 行政の\u202eDX",
        channel=make_channel("デジタル庁ニュース"),
        speakers=[make_speaker("宮坂 学"), make_speaker("浅沼 尚")],
        tldr="要約 & <b>太字</b>" + "あ" * 200,
        duration_seconds=3725,
    )
    # One at a time: the order the editor gave them is the order shown.
    for name in ("東京都", "DX", "アクセシビリティ"):
        talk.tags.add(name)
    RatingTotal.objects.create(talk=talk, count=3, total=13)
    announce([talk.pk])
    return talk


def _one(element, path):
    (found,) = element.xpath(path)
    return found


def _card(page):
    (article,) = html.fromstring(page).xpath("//article[@class='talk-card']")
    return article


def test_a_card_shows_the_talk_escaped_and_isolated(client):
    talk = _card_talk()
    page = client.get(reverse("summaries:talk-list")).content.decode()
    assert "<script>alert" not in page
    card = _card(page)
    link = _one(card, ".//h2[@class='talk-card__title']/a")
    assert link.get("href") == talk.get_absolute_url()
    assert link.text_content() == talk.title
    assert card.xpath(".//h2/a/bdi")  # the override cannot reorder what follows
    meta = _one(card, ".//p[@class='talk-card__meta']").text_content()
    assert "デジタル庁ニュース" in meta
    assert "2024年6月5日" in meta and "1:02:05" in meta
    assert "読者の評価 4.3（3件）" in meta
    assert (
        card.xpath(".//p[@class='talk-card__meta']//time")[1].get("datetime")
        == "PT1H2M5S"
    )
    speakers = _one(card, ".//p[@class='talk-card__speakers']").text_content()
    assert speakers == "宮坂 学、浅沼 尚"
    summary = _one(
        card, ".//p[starts-with(@class, 'talk-card__summary')]"
    ).text_content()
    assert summary.startswith("要約 & <b>太字</b>") and summary.endswith("…")
    assert len(summary) == cards.SUMMARY_LENGTH
    tags = card.xpath(".//ul[contains(@class, 'tag-list')]//a")
    assert [a.text_content() for a in tags] == ["東京都", "DX", "アクセシビリティ"]
    assert [a.get("href") for a in tags] == [
        tag.get_absolute_url()
        for name in ("東京都", "DX", "アクセシビリティ")
        for tag in talk.tags.filter(name=name)
    ]


def test_an_english_page_marks_the_cards_content_as_japanese(client):
    _card_talk()
    page = client.get("/en/talks/").content.decode()
    card = _card(page)
    assert _one(card, ".//h2").get("lang") == "ja"
    assert _one(card, ".//p[@class='talk-card__speakers']").get("lang") == "ja"
    assert _one(card, ".//ul[contains(@class, 'tag-list')]").get("aria-label") == "Tags"
    assert _one(card, ".//h2/a").get("href").startswith("/en/talks/")
    meta = _one(card, ".//p[@class='talk-card__meta']").text_content()
    assert "June 5, 2024" in meta and "4.3 (3 ratings)" in meta


def test_a_card_without_speakers_tags_or_votes_leaves_them_out(client):
    make_talk("講演だけ")
    card = _card(client.get(reverse("summaries:talk-list")).content.decode())
    assert not card.xpath(".//p[@class='talk-card__speakers'] | .//ul")
    assert "読者の評価" not in card.text_content()


def test_addresses_are_those_reverse_gives(db):
    slugs = ["dx", "govtech東京", "a-b_c", "東京都", "ペーパーレス化-2"]
    for language in ("ja", "en"):
        with translation.override(language):
            for name in ("summaries:talk-detail", "summaries:tag-detail"):
                url = cards.SlugUrl(name)
                for slug in slugs:
                    assert url(slug) == reverse(name, kwargs={"slug": slug})


def test_a_page_of_cards_read_afresh_costs_three_queries(db):
    """As a search reads them (its cards are marked, never stored); stored
    cards: test_stored_cards.py."""
    for i in range(25):
        talk = make_talk(speakers=[make_speaker()], tags=[f"タグ{i}", "共通"])
        RatingTotal.objects.create(talk=talk, count=1, total=4)
    talks = Talk.objects.published().newest_first()
    with CaptureQueriesContext(connection) as queries:
        page = cards.fetch(talks[:20], stored=False)
    assert len(queries) == 3
    assert [card.pk for card in page] == list(talks.values_list("pk", flat=True)[:20])
    assert all(card.speakers and len(card.tags) == 2 for card in page)
    assert {str(card.rating) for card in page} == {"4.0（1件）"}
