"""Stored talk cards (summaries/pagecache/parts.py `stored_cards`): every list
of talks shows each talk's card as kept rendered per language, with the page
cache empty, and never stale: a change to the talk renders its card anew, a
vote shows at once, and a search still marks its words."""

import pytest
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone
from lxml import html

from summaries.models import Channel, Speaker, Tag, Talk
from summaries.pagecache import parts
from summaries.pagecache.models import StoredCard
from summaries.ratings.models import RatingTotal
from summaries.signals import announce
from summaries.views import cards
from tests.factories import make_speaker, make_talk
from tests.test_stored_parts import fresh, load_as_fixture

pytestmark = pytest.mark.django_db

LIST = reverse("summaries:talk-list")


def _talk(title="カードの講演"):
    return make_talk(
        title, tags=["防災"], speakers=[make_speaker("宮坂 学")], tldr="カードの要約"
    )


def _cards(page):
    return html.fromstring(page).xpath("//article[@class='talk-card']")


def test_a_card_is_rendered_once_and_then_read():
    talk = _talk()
    first, first_sql = fresh(LIST)
    assert StoredCard.objects.filter(talk=talk, language="ja").count() == 1
    again, sql = fresh(LIST)
    token = 'name="csrfmiddlewaretoken" value="'
    assert again.split(token)[0] == first.split(token)[0]
    # Stored: neither the speakers nor the tags are read again.
    assert not any("summaries_talkspeaker" in q for q in sql)
    assert any("summaries_talkspeaker" in q for q in first_sql)
    assert "宮坂 学" in again and "カードの要約" in again


def test_a_page_of_stored_cards_costs_one_query(django_assert_num_queries):
    for i in range(25):
        make_talk(speakers=[make_speaker()], tags=[f"タグ{i}", "共通"])
    talks = Talk.objects.published().newest_first()
    first = cards.CardList(talks)[:20]  # renders and stores the twenty
    # Each with its speaker and both tags (the card's last part).
    assert all(
        "talk-card__speakers" in card.stored[2] and card.stored[2].count("<li>") == 2
        for card in first
    )
    with django_assert_num_queries(1):  # the talks' rows, their cards with them
        page = cards.CardList(talks)[:20]
    assert [card.pk for card in page] == [card.pk for card in first]
    assert [card.stored for card in page] == [card.stored for card in first]
    # Two new, eighteen stored: the two are read and written, alone.
    for _ in range(2):
        make_talk(speakers=[make_speaker()], published_at=timezone.now())
    talks = Talk.objects.published().newest_first()
    # read; the two talks, their speakers and tags; write
    with django_assert_num_queries(1 + 3 + 3):
        page = cards.CardList(talks)[:20]
    assert StoredCard.objects.count() == 22
    assert all(card.stored for card in page)


def test_each_language_has_its_own():
    talk = _talk()
    japanese, _ = fresh(LIST)
    english, _ = fresh("/en" + LIST)
    assert "動画の長さ" in japanese and "Video length" in english
    (card,) = _cards(english)
    assert card.xpath(".//h2/a")[0].get("href") == f"/en/talks/{talk.slug}/"
    assert StoredCard.objects.filter(talk=talk).count() == 2


def test_each_list_puts_in_its_own_heading_level():
    talk = _talk()
    fresh(LIST)  # stored from a list of h2 cards
    home, _ = fresh(reverse("summaries:home"))
    (card,) = _cards(home)
    assert card.xpath("./h3[@class='talk-card__title']/a")[0].text_content() == (
        talk.title
    )
    assert not card.xpath("./h2")


def test_a_vote_shows_at_once_without_rendering_the_card_again():
    talk = _talk()
    fresh(LIST)
    stored = StoredCard.objects.get(talk=talk).content
    RatingTotal.objects.create(talk=talk, count=2, total=9)
    page, _ = fresh(LIST)
    assert "読者の評価 4.5（2件）" in page
    assert StoredCard.objects.get(talk=talk).content == stored


def test_an_edited_talk_shows_on_the_next_request():
    talk = _talk()
    fresh(LIST)
    talk.title = "書き換えた題名"
    talk.tldr = "書き換えた要約"
    talk.save()
    page, _ = fresh(LIST)
    assert "書き換えた題名" in page and "書き換えた要約" in page
    assert "カードの要約" not in page


@pytest.mark.parametrize("record", ["tag", "speaker", "channel"])
def test_a_renamed_tag_speaker_or_channel_shows_on_the_next_request(record):
    talk = _talk()
    fresh(LIST)
    renamed = {
        "tag": Tag.objects.get(name="防災"),
        "speaker": Speaker.objects.get(name="宮坂 学"),
        "channel": Channel.objects.get(pk=talk.channel_id),
    }[record]
    old = renamed.name
    renamed.name = "新しい名前"
    renamed.save()
    (card,) = _cards(fresh(LIST)[0])
    assert "新しい名前" in card.text_content() and old not in card.text_content()


def test_a_tag_added_shows_on_the_next_request():
    talk = _talk()
    fresh(LIST)
    talk.tags.add("追加したタグ")
    announce([talk.pk])
    (card,) = _cards(fresh(LIST)[0])
    assert "追加したタグ" in card.text_content()


def test_a_fixture_loaded_over_the_talk_shows_on_the_next_request(tmp_path):
    talk = _talk()
    load_as_fixture(talk, tmp_path)
    fresh(LIST)  # stored from the fixture's updated_at
    load_as_fixture(talk, tmp_path, title="読み込み直した題名")  # same updated_at
    page, _ = fresh(LIST)
    assert "読み込み直した題名" in page


def test_new_code_or_templates_render_the_cards_anew(monkeypatch):
    talk = _talk()
    fresh(LIST)
    StoredCard.objects.filter(talk=talk).update(content=["古い", "古い", "古い"])
    page, _ = fresh(LIST)
    assert "古い" in page  # stored under the same stamp: served as stored
    monkeypatch.setattr(parts, "rendering_version", lambda: "another deploy")
    page, _ = fresh(LIST)
    assert "古い" not in page and "カードの要約" in page


def test_a_failed_write_still_serves_the_page(monkeypatch):
    _talk()

    def refuse(*args, **kwargs):
        raise DatabaseError("read-only")

    monkeypatch.setattr(StoredCard.objects, "bulk_create", refuse)
    page, _ = fresh(LIST)
    assert "カードの要約" in page and "宮坂 学" in page
    assert not StoredCard.objects.exists()


def test_a_search_marks_its_words_and_stores_nothing():
    _talk("防災の講演")
    page, _ = fresh(LIST + "?q=防災")
    (card,) = _cards(page)
    assert card.xpath(".//h2/a//mark")[0].text_content() == "防災"
    assert not StoredCard.objects.exists()


def test_a_deleted_talk_takes_its_card_with_it():
    talk = _talk()
    fresh(LIST)
    Talk.objects.filter(pk=talk.pk).delete()
    assert not StoredCard.objects.exists()
