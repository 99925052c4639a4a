"""Property: whatever talk the format can hold survives export and import.

Generated talks include hostile text: markup, quotes, format-looking lines,
emoji sequences, full-width text and very long lines.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summaries.importer import apply, to_data
from summaries.models import Talk
from summaries.summary_format import (
    KeywordData,
    QuestionData,
    TakeawayData,
    TalkData,
    TimedData,
    is_emoji,
    parse,
    render,
)
from summaries.summary_format.tags import LISTED
from summaries.text import fold, unicode_slug

HOSTILE = [
    "Takeaways",
    "関連タグ",
    "Q&A",
    "12 Mar 20241:02:05",
    "<script>alert('x')</script>",
    "\"quoted\" 'single' `back`",
    "&amp; &lt;b&gt; </textarea>",
    "%(name)s %s {0} {{ x }}",
    "👨‍👩‍👧‍👦",
    "🇯🇵",
    "1️⃣",
    "👍🏽",
    "👨💼",
    "ＤＸ推進　全角スペース",
    "ｶﾀｶﾅ",
    "\u200b\u200d",
    "Summary",
    "TLDR",
    "Q & A",
    "関連タグ",
    "plate",
    "今すぐアップグレード",
    "  • ",
    "-",
    "12:30",
    "5 Jun 202411:14",
    "4.5 / 5 (3 votes)",
    "https://",
    "\u2028",
]
EMOJI = ["🌟", "📈", "👨💼", "👨‍👩‍👧‍👦", "🇯🇵", "1️⃣", "👍🏽", "❤️", "🏳️‍🌈", "©", "★"]

# Any character but controls (line breaks, NUL) and lone surrogates.
CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc"))
FRAGMENT = st.one_of(
    st.text(CHARACTERS, min_size=1, max_size=20), st.sampled_from(HOSTILE)
)
TEXT = (
    st.lists(FRAGMENT, min_size=1, max_size=4).map("".join).map(str.strip).filter(bool)
)
# Very long lines: a fragment repeated into thousands of characters.
LONG_TEXT = st.one_of(
    TEXT, TEXT.map(lambda text: (text + " ") * (4000 // len(text) + 1)).map(str.strip)
)


def short(limit):
    return TEXT.filter(lambda text: len(text) <= limit)


def not_led_by_an_emoji(text):
    # Without an emoji, a takeaway led by one would read as having one: the
    # format cannot tell them apart (the exporter warns when it happens).
    return not is_emoji(text.split()[0])


def a_tag(text):
    return (
        " ".join(text.split()) == text
        and not LISTED.search(text)
        and not text.startswith(("#", "＃"))
        and unicode_slug(text) != ""
        and len(text) <= 100
    )


TAKEAWAY = st.one_of(
    st.builds(TakeawayData, st.sampled_from(EMOJI), LONG_TEXT),
    st.builds(TakeawayData, st.just(""), LONG_TEXT.filter(not_led_by_an_emoji)),
)
SECONDS = st.integers(min_value=0, max_value=99 * 3600)
RATING = st.one_of(
    st.tuples(st.none(), st.none()),
    st.tuples(
        st.integers(0, 50).map(lambda n: Decimal(n) / 10),
        st.one_of(st.none(), st.integers(1, 10**6)),
    ),
)


@st.composite
def talks(draw):
    rating, votes = draw(RATING)
    return TalkData(
        # A byte-order mark opening the file is not the title's.
        title=draw(short(300).filter(lambda text: not text.startswith("\ufeff"))),
        channel=draw(short(200)),
        video_date=draw(st.dates(dt.date(1000, 1, 1), dt.date(9999, 12, 31))),
        duration_seconds=draw(SECONDS),
        tldr=draw(LONG_TEXT),
        takeaways=tuple(draw(st.lists(TAKEAWAY, min_size=1, max_size=4))),
        questions=tuple(
            draw(st.lists(st.builds(QuestionData, LONG_TEXT, LONG_TEXT), max_size=3))
        ),
        outline=tuple(
            draw(st.lists(st.builds(TimedData, SECONDS, short(300)), max_size=3))
        ),
        keywords=tuple(draw(st.lists(st.builds(KeywordData, short(200)), max_size=3))),
        highlights=tuple(
            draw(st.lists(st.builds(TimedData, SECONDS, LONG_TEXT), max_size=3))
        ),
        transcript=tuple(
            draw(st.lists(st.builds(TimedData, SECONDS, LONG_TEXT), max_size=3))
        ),
        tags=tuple(draw(st.lists(TEXT.filter(a_tag), max_size=5, unique_by=fold))),
        video_url=draw(
            st.one_of(
                st.just(""),
                st.from_regex(r"[A-Za-z0-9_-]{11}", fullmatch=True).map(
                    lambda vid: f"https://www.youtube.com/watch?v={vid}"
                ),
            )
        ),
        source_rating=rating,
        source_rating_count=votes,
    )


@settings(max_examples=300, deadline=None)
@given(talks())
def test_render_then_parse_loses_nothing(talk):
    text = render(talk)
    again = parse(text).talk
    assert again == talk
    assert render(again) == text


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(talks())
def test_export_then_import_loses_nothing(talk):
    with transaction.atomic():
        imported = apply(parse(render(talk))).talk
        assert imported.status == Talk.Status.DRAFT
        exported = to_data(imported)
        assert exported == talk
        assert render(exported) == render(talk)
        transaction.set_rollback(True)  # each example starts from an empty site
