"""The reader's page of a talk at real size: a two-hour transcript of 3,000
segments stays light (collapsed, one block of markup) and costs the same
number of queries as any talk page."""

import gzip

import lxml.html
import pytest

from summaries.models import TranscriptSegment
from summaries.talk_parts import replace
from tests.factories import make_speaker, make_talk
from tests.test_views import EXPECTED_QUERIES, empty_the_page_cache

pytestmark = pytest.mark.django_db

SEGMENTS = 3000
LARGEST_COMPRESSED = 150 * 1024
# A two-hour talk said at about five characters a second: 3,000 segments of
# about twelve characters, every one different.
PHRASES = ("自治体の窓口で", "デジタル庁として", "住民の皆さんに", "データを共有し")


def two_hour_talk(**fields):
    talk = make_talk(
        duration_seconds=7200,
        video_url="https://www.youtube.com/watch?v=AbCdEfGhI_0",
        takeaways=10,
        questions=5,
        outline=12,
        highlights=10,
        keywords=10,
        tags=["防災", "窓口"],
        speakers=[make_speaker()],
        **fields,
    )
    replace(
        talk,
        transcript=[
            (i * 2, f"{PHRASES[i % 4]}{i}番目の話です。") for i in range(SEGMENTS)
        ],
    )
    return talk


def test_the_transcript_is_collapsed_with_a_filter_box_and_links(client):
    talk = two_hour_talk()
    response = client.get(talk.get_absolute_url())
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    (details,) = page.xpath("//details[@class='transcript']")
    assert details.get("open") is None  # collapsed, without any script
    assert "3000区間" in details.xpath("summary")[0].text_content()
    box = details.xpath(".//*[@data-transcript-filter]")[0]
    assert box.get("hidden") is not None  # shown by the script only
    assert box.xpath(".//label")[0].get("for") == "transcript-filter"
    items = details.xpath(".//ol[@data-transcript-list]/li")
    assert len(items) == SEGMENTS
    last = items[-1].xpath("a[@class='timecode']")[0]
    assert last.get("href") == "https://www.youtube.com/watch?v=AbCdEfGhI_0&t=5998s"
    assert last.get("data-start") == "5998" and last.get("data-page-href") == "?t=5998"
    assert last.text_content() == "1:39:58から再生"
    assert items[-1].xpath("span")[-1].text == "データを共有し2999番目の話です。"
    scripts = [s.get("src") for s in page.xpath("//script[@type='module']")]
    assert any("transcript-filter" in src for src in scripts)


def test_the_page_is_light_when_compressed(client):
    talk = two_hour_talk()
    response = client.get(talk.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    body = response.content
    if response.get("Content-Encoding") != "gzip":
        body = gzip.compress(body)
    assert len(body) < LARGEST_COMPRESSED, len(body)


def test_the_query_count_is_the_same_as_for_any_talk(client, django_assert_num_queries):
    talk = two_hour_talk()
    make_talk(tags=["防災"], speakers=[make_speaker()])  # a related talk
    with django_assert_num_queries(EXPECTED_QUERIES["detail, all rendered"]):
        assert client.get(talk.get_absolute_url()).status_code == 200
    empty_the_page_cache()
    with django_assert_num_queries(EXPECTED_QUERIES["detail"]):
        assert client.get(talk.get_absolute_url()).status_code == 200


def test_segment_text_is_escaped_and_times_without_video_are_plain(client):
    talk = make_talk()
    TranscriptSegment.objects.create(
        talk=talk, position=1, start_seconds=65, text="<script>alert(1)</script>&"
    )
    html = client.get(talk.get_absolute_url()).content.decode()
    assert "<span>&lt;script&gt;alert(1)&lt;/script&gt;&amp;</span>" in html
    assert '<time class="timecode" datetime="PT1M5S">1:05</time>' in html


def test_time_stamps_read_as_everywhere_else():
    from summaries.templatetags.transcripts import _times
    from summaries.text import format_timecode, iso_duration

    for seconds in (0, 5, 59, 60, 65, 3599, 3600, 3605, 3660, 7322, 90061):
        assert _times(seconds) == (iso_duration(seconds), format_timecode(seconds))
