"""Slugs from Japanese titles: readable ASCII, short, cut between words."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from summaries.importer import apply
from summaries.models import Talk
from summaries.slugs import romanised_slug, words
from summaries.summary_format import parse
from tests.factories import make_talk
from tests.html_forms import submit
from tests.summary_samples import FULL, SEED_TEXT


@pytest.mark.parametrize(
    "title, slug",
    [
        (
            "東京都のDX、宮坂副知事が語るデジタル改革",
            "tokyoto-dx-miyasaka-fuku-chiji-kataru-dejitaru-kaikaku",
        ),
        (
            "窓口DXの三つの問い 〜自治体の挑戦〜",
            "madoguchi-dx-mittsu-toi-jichitai-chosen",
        ),
        ("GovTech東京が目指すもの", "govtech-tokyo-mezasu-mono"),
        ("Ｇｏｖｔｅｃｈ　２０２４", "govtech-2024"),
        ("〜！？", ""),
    ],
)
def test_a_japanese_title_reads_as_ascii_words(title, slug):
    assert romanised_slug(title, 80) == slug


def test_long_titles_are_cut_before_the_word_that_does_not_fit():
    title = "窓口DXの三つの問い 〜自治体の挑戦〜"
    assert romanised_slug(title, 24) == "madoguchi-dx-mittsu-toi"
    assert romanised_slug(title, 22) == "madoguchi-dx-mittsu"
    # Only a single word longer than the limit is cut.
    assert romanised_slug("Supercalifragilistic", 5) == "super"


@given(st.text(max_size=120), st.integers(min_value=1, max_value=80))
def test_any_title_gives_a_short_ascii_slug_of_whole_words(title, limit):
    slug = romanised_slug(title, limit)
    assert len(slug) <= limit
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in slug)
    parts = slug.split("-") if slug else []
    full = words(title)
    if len(parts) > 1:
        assert parts == full[: len(parts)]


@pytest.mark.django_db
def test_a_new_talk_gets_a_romanised_slug_and_existing_slugs_stay():
    first = make_talk("東京都のDX")
    second = make_talk("東京都のDX")
    assert (first.slug, second.slug) == ("tokyoto-dx", "tokyoto-dx-2")
    old = make_talk("別の題", slug="東京都のdx-旧")
    old.title = "新しい題"
    old.save()
    assert Talk.objects.get(pk=old.pk).slug == "東京都のdx-旧"


@pytest.mark.django_db
def test_imported_slugs_are_dated_and_never_cut_inside_a_word():
    full = apply(parse(FULL)).talk
    seed = apply(parse(SEED_TEXT)).talk
    assert full.slug == "2024-03-12-bosai-dx-saizensen-jichitai"
    assert seed.slug.startswith("2024-06-05-")
    for slug in (full.slug, seed.slug):
        assert slug.isascii() and len(slug) <= 48
        assert (
            slug[11:].split("-")
            == words(Talk.objects.get(slug=slug).title)[: len(slug[11:].split("-"))]
        )


@pytest.mark.django_db
def test_the_admin_suggests_the_slug_and_fills_an_empty_one_on_save(
    editor_client, client
):
    make_talk("防災DXの最前線")
    url = reverse("admin:summaries_talk_slug_suggestion")
    answer = editor_client.get(url, {"title": "防災DXの最前線 〜自治体の挑戦〜"})
    assert json.loads(answer.content) == {"slug": "bosai-dx-saizensen-jichitai-chosen"}
    taken = editor_client.get(url, {"title": "防災DXの最前線"})
    assert json.loads(taken.content) == {"slug": "bosai-dx-saizensen-2"}
    assert json.loads(editor_client.get(url, {"title": " "}).content) == {"slug": ""}
    assert editor_client.get(url, {"title": "あ" * 5000}).status_code == 200
    # Readers are sent to log in.
    assert Client().get(url, {"title": "x"}).status_code == 302

    add = editor_client.get(reverse("admin:summaries_talk_add"))
    page = add.content.decode()
    assert f'data-suggest-url="{url}"' in page
    assert "slug-suggestion.js" in page
    channel = Talk.objects.get().channel
    response = submit(
        editor_client,
        add,
        {
            "title": "窓口DXの三つの問い",
            "slug": "",
            "channel": str(channel.pk),
            "tldr": "要約。",
            "video_date": "2024-06-05",
            "duration_seconds": "11:14",
            "status": "draft",
        },
    )
    assert response.status_code == 302, response.context["errors"]
    assert (
        Talk.objects.get(title="窓口DXの三つの問い").slug == "madoguchi-dx-mittsu-toi"
    )
