"""JSON-LD, share cards and canonical addresses: what crawlers and apps read."""

import json
import re

import pytest
from lxml import html

from tests.factories import make_speaker, make_talk

pytestmark = pytest.mark.django_db

VIDEO = "https://youtu.be/AbCdEfGhI_0"


def json_ld(page):
    scripts = html.fromstring(page).xpath('//script[@type="application/ld+json"]')
    return [json.loads(script.text) for script in scripts]


def meta(page, key):
    tree = html.fromstring(page)
    found = tree.xpath(f'//meta[@property="{key}" or @name="{key}"]/@content')
    return found[0] if found else None


def test_seed_with_a_video_address_is_a_video_object_with_the_right_values(
    client, seed
):
    seed.video_url = VIDEO
    seed.save()
    page = client.get(seed.get_absolute_url()).content.decode()
    video, breadcrumbs = json_ld(page)
    assert video["@type"] == "VideoObject"
    assert video["name"] == seed.title
    assert video["description"] == seed.tldr
    assert video["uploadDate"] == "2024-06-05"
    assert video["duration"] == "PT11M14S"
    assert video["embedUrl"] == "https://www.youtube-nocookie.com/embed/AbCdEfGhI_0"
    assert video["thumbnailUrl"] == ["http://testserver/static/summaries/img/share.png"]
    assert "hasPart" not in video  # the seed has no outline
    assert breadcrumbs["@type"] == "BreadcrumbList"


def test_the_seed_without_a_video_address_claims_no_video(client, seed):
    page = client.get(seed.get_absolute_url()).content.decode()
    assert [data["@type"] for data in json_ld(page)] == ["BreadcrumbList"]


def test_outline_chapters_are_clips_that_end_where_the_next_begins(client):
    talk = make_talk(video_url=VIDEO, outline=3, duration_seconds=300)
    page = client.get(talk.get_absolute_url()).content.decode()
    clips = json_ld(page)[0]["hasPart"]
    base = f"http://testserver{talk.get_absolute_url()}"
    assert clips == [
        {
            "@type": "Clip",
            "name": f"章{n}",
            "startOffset": n * 60,
            "endOffset": end,
            "url": f"{base}?t={n * 60}",
        }
        for n, end in ((1, 120), (2, 180), (3, 300))
    ]


def test_nothing_false_no_faq_and_no_rating(client, seed):
    seed.video_url = VIDEO
    seed.source_rating, seed.source_rating_count = 5, 0
    seed.save()
    page = client.get(seed.get_absolute_url()).content.decode()
    assert "FAQPage" not in page
    assert "Rating" not in "".join(json.dumps(data) for data in json_ld(page))


def test_script_end_tags_in_content_cannot_break_out_of_the_json(client):
    title = '</script><script>alert("x")</script> & <b>'
    talk = make_talk(title=title, video_url=VIDEO, slug="escape-test")
    page = client.get(talk.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    assert "\\u003C/script\\u003E" in page
    assert json_ld(page)[0]["name"] == title


def test_breadcrumbs_name_each_level_with_absolute_addresses(client):
    speaker = make_speaker("宮坂 学", slug="miyasaka")
    make_talk(speakers=[speaker])
    page = client.get("/speakers/miyasaka/").content.decode()
    (crumbs,) = json_ld(page)
    assert [
        (item["position"], item["name"], item["item"])
        for item in crumbs["itemListElement"]
    ] == [
        (1, "ホーム", "http://testserver/"),
        (2, "登壇者一覧", "http://testserver/speakers/"),
        (3, "宮坂 学", "http://testserver/speakers/miyasaka/"),
    ]


def test_home_has_no_breadcrumbs(client, db):
    assert json_ld(client.get("/").content.decode()) == []


@pytest.mark.parametrize(
    "path", ["/", "/talks/", "/tags/", "/speakers/", "/about/accessibility/"]
)
def test_every_page_has_a_share_card(client, seed, path):
    page = client.get(path).content.decode()
    assert meta(page, "og:locale") == "ja_JP"
    assert meta(page, "og:site_name") == "GovDX Talks"
    assert meta(page, "og:url") == f"http://testserver{path}"
    assert meta(page, "og:image") == "http://testserver/static/summaries/img/share.png"
    assert meta(page, "twitter:card") == "summary_large_image"
    title = html.fromstring(page).findtext(".//title")
    assert title == f"{meta(page, 'og:title')} | GovDX Talks"


def test_a_talk_shares_as_an_article_with_its_title_and_summary(client, seed):
    page = client.get(seed.get_absolute_url()).content.decode()
    assert meta(page, "og:type") == "article"
    assert meta(page, "og:title") == seed.title
    assert meta(page, "og:description") == seed.tldr[:119] + "…"
    assert meta(page, "description") == meta(page, "og:description")


def canonical(page):
    return html.fromstring(page).xpath('//link[@rel="canonical"]/@href')[0]


def test_canonical_drops_the_start_time_and_tracking(client, seed):
    page = client.get(seed.get_absolute_url() + "?t=30&utm_source=x").content.decode()
    assert canonical(page) == "http://testserver/talks/tokyo-dx-miyasaka-2024/"


def test_canonical_of_a_list_keeps_its_page_number_only(client, db):
    for _ in range(21):
        make_talk()
    assert canonical(client.get("/talks/?page=2").content.decode()) == (
        "http://testserver/talks/?page=2"
    )
    assert canonical(client.get("/talks/?page=1").content.decode()) == (
        "http://testserver/talks/"
    )
    # A search is a view of the list, not a page of its own.
    assert canonical(client.get("/talks/?year=2024&page=2").content.decode()) == (
        "http://testserver/talks/"
    )


def test_pages_announce_their_feeds(client, seed):
    page = client.get("/tags/dx/").content.decode()
    feeds = html.fromstring(page).xpath(
        '//link[@rel="alternate"][@type="application/atom+xml"]/@href'
    )
    assert feeds == ["/feed/", "/tags/dx/feed/"]
    home = client.get("/").content.decode()
    assert re.search(r'<link rel="alternate" type="application/atom\+xml"', home)
