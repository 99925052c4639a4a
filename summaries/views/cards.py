"""Talk cards: the entries of every list of talks (home, list, search, tag,
speaker, related talks), written out in Python.

A list page shows twenty cards, a talk page six. As a Django template
include a card cost about 1.5 ms, most of a list page's time with the page
cache empty (issue 13); written here it costs a tenth of that. The template
`includes/talk_cards.html` calls `{% talk_cards %}` (templatetags/cards.py).

Every value is escaped here, as the template engine would: `html.escape` is
what Django's `escape` calls, and user text goes through `bidi.bdi` (escaped
and isolated).

What a card shows is read as plain values (`Card`), not model instances.
A card is kept rendered (`pagecache.parts.stored_cards`), per language, from
the talk as it is now: a page of cards costs one query, reading of each talk
only what its stored card was made from and its rating (`ShownCard`), with
the stored card; the talks whose card is not stored (new, or changed since)
are read with their speakers and tags (three more queries) and their cards
written (one statement). The rating and the heading level, which change
without the talk changing, are put in as the card is shown.

A search gives each card `marked_title` and `snippet`, safe HTML whose only
markup is <mark>: its cards are written afresh (`fetch(stored=False)`:
three queries).
"""

from collections.abc import Sequence
from html import escape
from itertools import groupby
from urllib.parse import quote

from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from ..bidi import bdi
from ..models import TaggedTalk, Talk, TalkSpeaker
from ..pagecache import parts
from ..ratings.voting import RatingSummary
from ..templatetags.languages import content_lang
from ..text import format_timecode, iso_duration

SUMMARY_LENGTH = 140
_SLUG = "slug-here"


class Card:
    """What one talk's card shows, as plain values."""

    __slots__ = (
        "pk", "title", "slug", "video_date", "duration_seconds", "tldr",
        "channel", "updated_at", "rating", "speakers", "tags", "marked_title",
        "snippet", "stored",
    )  # fmt: skip

    def __init__(self, row):
        (
            self.pk, self.title, self.slug, self.video_date, self.duration_seconds,
            self.tldr, self.channel, self.updated_at, count, total,
        ) = row  # fmt: skip
        self.rating = RatingSummary(count or 0, total or 0)
        self.speakers = []  # names, in the talk's order
        self.tags = []  # (name, slug), in the order the editor gave them
        self.marked_title = self.snippet = ""
        self.stored = None  # the card's parts as stored (`parts()`)

    def __repr__(self):
        return f"<Card {self.pk}: {self.title}>"

    @property
    def duration(self):
        return format_timecode(self.duration_seconds)


FIELDS = (
    "pk", "title", "slug", "video_date", "duration_seconds", "tldr",
    "channel__name", "updated_at", "rating_totals__count", "rating_totals__total",
)  # fmt: skip


# What a stored card needs read with it: what it was stored from, and what is
# put in as it is shown.
STORED_FIELDS = ("pk", "updated_at", "rating_totals__count", "rating_totals__total")


class ShownCard:
    """A card shown from its stored parts: its talk's id and `updated_at`
    (what the stored card was made from) and the rating, put in as it is
    shown. The rest of the talk is read only for a card not stored."""

    __slots__ = ("pk", "updated_at", "rating", "stored")

    def __init__(self, pk, updated_at, count, total):
        self.pk, self.updated_at = pk, updated_at
        self.rating = RatingSummary(count or 0, total or 0)
        self.stored = None

    def __repr__(self):
        return f"<ShownCard {self.pk}>"


def fetch(talks, stored=True):
    """Cards of `talks` (a queryset of talks, ordered and sliced), in its
    order, whatever the queryset selects or prefetches: `ShownCard`s with
    their stored parts (one query when all are stored; the talks of the
    others are read (three queries) and their cards stored), or,
    `stored=False`, `Card`s with what they show read afresh (three queries)."""
    if not stored:
        cards = [Card(row) for row in talks.values_list(*FIELDS)]
        if cards:
            _read_people(cards)
        return cards
    language = get_language()
    rows = parts.with_stored_cards(talks, language).values_list(
        *STORED_FIELDS, "stored_stamp", "stored_content"
    )
    cards, kept = [], {}
    for row in rows:
        cards.append(ShownCard(*row[:-2]))
        if row[-2] is not None:
            kept[row[0]] = row[-2:]
    if not cards:
        return []
    found = parts.stored_cards(cards, language, _render, kept)
    for card in cards:
        card.stored = found.get(card.pk)
    # A talk deleted between the two reads of a card not stored is not shown.
    return [card for card in cards if card.stored is not None]


def _render(cards):
    """{pk: the card's parts} for cards not stored: their talks read afresh
    (three queries)."""
    words = Words()
    talks = Talk.objects.filter(pk__in=[card.pk for card in cards])
    return {talk.pk: card_parts(talk, words) for talk in fetch(talks, stored=False)}


def _read_people(cards):
    """Give `cards` their speakers and tags: two queries."""
    by_pk = {card.pk: card for card in cards}
    speakers = (
        TalkSpeaker.objects.filter(talk__in=list(by_pk))
        .order_by("talk", "position", "pk")
        .values_list("talk_id", "speaker__name")
    )
    for pk, rows in groupby(speakers, key=lambda row: row[0]):
        by_pk[pk].speakers = [name for _pk, name in rows]
    tags = (
        TaggedTalk.objects.filter(content_object__in=list(by_pk))
        .order_by("content_object", "pk")
        .values_list("content_object_id", "tag__name", "tag__slug")
    )
    for pk, rows in groupby(tags, key=lambda row: row[0]):
        by_pk[pk].tags = [(name, slug) for _pk, name, slug in rows]


def fetch_ids(ids):
    """[Card] of the talks with these ids, in the ids' order, read afresh
    (a search marks their titles and gives them snippets)."""
    found = fetch(Talk.objects.filter(pk__in=ids), stored=False)
    cards = {card.pk: card for card in found}
    return [cards[pk] for pk in ids if pk in cards]


class CardList(Sequence):
    """A queryset of talks, read as cards one page at a time: the paginator
    counts the queryset and asks for one slice (`fetch()`)."""

    model = Talk  # ListView names the list `talk_list`

    def __init__(self, talks):
        self.talks = talks

    def count(self):
        return self.talks.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1 or None][0]
        return fetch(self.talks[index])


class SlugUrl:
    """`reverse(name, kwargs={"slug": slug})` for many slugs, reversed once:
    the address around a placeholder, the slug quoted as `reverse()` quotes
    it (the `uslug` converter writes a slug as it is)."""

    def __init__(self, name):
        self.before, self.after = reverse(name, kwargs={"slug": _SLUG}).split(_SLUG)

    def __call__(self, slug):
        return self.before + quote(slug, safe=RFC3986_SUBDELIMS + "/~:@") + self.after


class Words:
    """What every card on a page shares: the interface's words, translated
    once, and the addresses of talks and tags in its language."""

    def __init__(self):
        self.duration = escape(_("動画の長さ"))
        self.rating = escape(_("読者の評価"))
        self.separator = escape(pgettext("list separator", "、"))
        self.tags = escape(_("タグ"))
        # Content is Japanese: marked as such on pages in another language.
        self.lang = content_lang()
        self.talk_url = SlugUrl("summaries:talk-detail")
        self.tag_url = SlugUrl("summaries:tag-detail")


def card_parts(talk, words):
    """[title link, meta, rest]: a `Card`'s HTML but for what is put in as it
    is shown (`card()`): the heading around the link, and the rating at the
    end of the meta."""
    lang = words.lang
    title = bdi(conditional_escape(talk.marked_title or talk.title))
    date = talk.video_date
    meta = [
        f"<span{lang}>{bdi(talk.channel)}</span>",
        f'<span><time datetime="{date.isoformat()}">'
        f"{escape(date_format(date, 'DATE_FORMAT'))}</time></span>",
        f'<span><span class="visually-hidden">{words.duration}</span>'
        f'<time datetime="{iso_duration(talk.duration_seconds)}">'
        f"{escape(talk.duration)}</time></span>",
    ]
    rest = []
    if talk.speakers:
        names = words.separator.join(bdi(name) for name in talk.speakers)
        rest.append(f'<p class="talk-card__speakers"{lang}>{names}</p>')
    if talk.snippet:
        rest.append(
            f'<p class="talk-card__summary talk-card__snippet"{lang}>'
            f"{conditional_escape(talk.snippet)}</p>"
        )
    else:
        summary = escape(truncatechars(talk.tldr, SUMMARY_LENGTH))
        rest.append(f'<p class="talk-card__summary"{lang}>{summary}</p>')
    if talk.tags:
        items = "".join(
            f'<li><a href="{escape(words.tag_url(slug))}">{bdi(name)}</a></li>'
            for name, slug in talk.tags
        )
        rest.append(
            f'<ul class="tag-list tag-list--compact" aria-label="{words.tags}"{lang}>'
            f"{items}</ul>"
        )
    link = f'<a href="{escape(words.talk_url(talk.slug))}">{title}</a>'
    return [link, "\n".join(meta), "\n".join(rest)]


def card(talk, words, heading_level=2):
    """One `Card`'s `<article class="talk-card">`: its stored parts, or
    written now, with the heading level and the rating put in."""
    link, meta, rest = talk.stored or card_parts(talk, words)
    if talk.rating.count:
        meta += f"\n<span>{words.rating} {escape(str(talk.rating))}</span>"
    level = int(heading_level)
    return (
        '<article class="talk-card">\n'
        f'<h{level} class="talk-card__title"{words.lang}>{link}</h{level}>\n'
        f'<p class="talk-card__meta">\n{meta}\n</p>\n'
        f"{rest}\n</article>"
    )


def cards(talks, heading_level=2):
    """`<ul class="talk-list">` of `Card`s, as safe HTML."""
    words = Words()
    items = "".join(f"<li>{card(talk, words, heading_level)}</li>\n" for talk in talks)
    return mark_safe(f'<ul class="talk-list">\n{items}</ul>')
