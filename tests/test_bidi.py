"""Text holding bidirectional controls is kept as given and isolated where it
is shown, so it cannot reorder what follows it on the page (summaries/bidi.py).
"""

import json

import pytest
from django.test import Client
from lxml import etree

from summaries.bidi import balanced, isolate

from .factories import make_channel, make_speaker, make_talk

pytestmark = pytest.mark.django_db

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: what follows is shown backwards
FSI, PDI = "\u2068", "\u2069"
TITLE = f"予算{RLO}の話"
NAME = f"名前{RLO}逆"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def reader():
    return Client(raise_request_exception=False)


@pytest.fixture
def talk():
    return make_talk(
        TITLE,
        tags=[NAME],
        speakers=[make_speaker(NAME, slug="rlo", organisation=NAME)],
        channel=make_channel(NAME, slug="rlo-channel"),
        video_url="https://www.youtube.com/watch?v=abcdefghijk",
    )


def shown(reader, path):
    response = reader.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_the_talk_page_isolates_the_title_and_names(reader, talk):
    page = shown(reader, talk.get_absolute_url())
    assert f"<title>{FSI}{TITLE}{PDI} | GovDX Talks</title>" in page
    assert f'<meta property="og:title" content="{FSI}{TITLE}{PDI}">' in page
    assert f"<h1><bdi>{TITLE}</bdi></h1>" in page
    assert f'<span aria-current="page"><bdi>{TITLE}</bdi></span>' in page
    assert f"<dd><bdi>{NAME}</bdi></dd>" in page  # the channel
    assert f'<a href="/speakers/rlo/"><bdi>{NAME}</bdi></a>（<bdi>{NAME}</bdi>）' in (
        page
    )
    assert f'data-title="YouTube 動画プレーヤー: {FSI}{TITLE}{PDI}"' in page


def test_lists_isolate_titles_names_and_tags(reader, talk):
    for path in ("/", "/talks/", "/tags/", "/speakers/"):
        page = shown(reader, path)
        assert RLO not in page.replace(f"<bdi>{TITLE}</bdi>", "").replace(
            f"<bdi>{NAME}</bdi>", ""
        ), path
    page = shown(reader, "/talks/")
    assert f'<a href="{talk.get_absolute_url()}"><bdi>{TITLE}</bdi></a>' in page
    # Tag facets: the count after a name stays after it.
    assert f'<bdi>{NAME}</bdi></span> <span class="count">(1)</span>' in page


def test_chosen_filters_and_headings_isolate_names(reader, talk):
    page = shown(reader, "/talks/?speaker=rlo&channel=rlo-channel")
    assert f"登壇者: <bdi>{NAME}</bdi><span" in page
    assert f"チャンネル: <bdi>{NAME}</bdi><span" in page
    tag_page = shown(reader, talk.tags.get().get_absolute_url())
    assert f"<h1>タグ「<bdi>{NAME}</bdi>」の講演</h1>" in tag_page
    assert f"<title>タグ「{FSI}{NAME}{PDI}」の講演 | GovDX Talks</title>" in tag_page
    speaker_page = shown(reader, "/speakers/rlo/")
    assert f"<h1><bdi>{NAME}</bdi>さんの講演</h1>" in speaker_page


def test_a_search_cannot_reorder_the_heading(reader, talk):
    # The search box reads controls as spaces; letters written right to left
    # stay, isolated.
    page = shown(reader, f"/talks/?q={TITLE}")
    assert "<h1>「<bdi>予算 の話</bdi>」の検索結果</h1>" in page
    assert RLO not in page.split("<body>")[0]
    page = shown(reader, "/talks/?q=שלום")
    assert "<h1>「<bdi>שלום</bdi>」の検索結果</h1>" in page
    assert f"<title>「{FSI}שלום{PDI}」の検索結果 | GovDX Talks</title>" in page


def test_feeds_isolate_titles(reader, talk):
    feed = etree.fromstring(reader.get("/feed/").content)
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == f"{FSI}{TITLE}{PDI}"
    tag_feed = etree.fromstring(
        reader.get(f"{talk.tags.get().get_absolute_url()}feed/").content
    )
    assert tag_feed.findtext(f"{ATOM}title") == (
        f"GovDX Talks: タグ「{FSI}{NAME}{PDI}」の講演"
    )


def test_the_text_is_kept_as_given(reader, talk):
    talk.refresh_from_db()
    assert talk.title == TITLE
    data = json.loads(reader.get(f"/api/talks/{talk.slug}/").content)
    assert data["title"] == TITLE


def test_ordinary_titles_are_left_alone(reader):
    make_talk("行政のDX")
    page = shown(reader, "/talks/")
    assert "<bdi>行政のDX</bdi>" in page
    assert isolate("行政のDX") == "行政のDX"


def test_a_stray_isolate_closer_cannot_let_an_override_escape():
    """U+2069 would close the isolate around the title early."""
    assert balanced(f"{PDI}{RLO}abc") == f"{RLO}abc"
    assert isolate(f"{PDI}{RLO}abc") == f"{FSI}{RLO}abc{PDI}"
    assert balanced("\u2067abc") == f"\u2067abc{PDI}"
    assert balanced(f"\u2066a{PDI}b{PDI}") == f"\u2066a{PDI}b"


def test_right_to_left_letters_are_isolated_in_plain_text():
    assert isolate("שלום 2024") == f"{FSI}שלום 2024{PDI}"


def test_admin_messages_isolate_the_title(editor_client):
    from .summary_samples import FULL
    from .test_admin_import import confirm, preview

    text = FULL.replace("防災DXの最前線", f"防災{RLO}DX", 1)
    response = confirm(editor_client, preview(editor_client, text))
    page = editor_client.get(response["Location"]).content.decode()
    assert (
        f"「{FSI}防災{RLO}DX 〜自治体の挑戦〜{PDI}」を下書きとして取り込みました。"
        in page
    )
