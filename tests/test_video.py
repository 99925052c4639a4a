"""The video facade and the time stamps, as the server renders them."""

import re

import pytest

from tests.factories import make_talk
from tests.test_views import EXPECTED_QUERIES, empty_the_page_cache

pytestmark = pytest.mark.django_db

VIDEO = "https://www.youtube.com/watch?v=AbCdEfGhI_0"


def test_page_with_a_video_shows_a_poster_and_a_play_link_but_no_player(client):
    talk = make_talk(video_url=VIDEO, outline=2)
    page = client.get(talk.get_absolute_url()).content.decode()
    assert "<iframe" not in page
    assert "youtube-nocookie.com/embed/AbCdEfGhI_0" in page  # only as data for JS
    assert 'src="/static/summaries/img/video-placeholder.svg"' in page
    # Without JavaScript the play button is a link to the video itself.
    assert re.search(
        r'<a class="video__play" href="https://www.youtube.com/watch\?v=AbCdEfGhI_0"'
        r' data-start="0">.*動画を再生</span></a>',
        page,
    )
    # A module: deferred, strict, and allowed by `script-src 'self'`.
    assert '<script type="module" src="/static/summaries/js/player.js">' in page


def test_opened_with_t_the_play_link_starts_there(client):
    talk = make_talk(video_url=VIDEO)
    page = client.get(talk.get_absolute_url() + "?t=125").content.decode()
    assert (
        'href="https://www.youtube.com/watch?v=AbCdEfGhI_0&amp;t=125s" data-start="125"'
        in page
    )
    assert "2:05 から動画を再生" in page


@pytest.mark.parametrize("value", ["abc", "-5", "674", "99999", "１２"])
def test_a_start_that_is_not_a_second_of_the_video_is_ignored(client, value):
    talk = make_talk(video_url=VIDEO, duration_seconds=674)
    response = client.get(talk.get_absolute_url(), {"t": value})
    assert response.status_code == 200
    assert 'data-start="0"' in response.content.decode()


def test_time_stamps_link_to_the_video_at_that_second_without_scripts(client):
    talk = make_talk(video_url=VIDEO, outline=1, highlights=1, transcript=1)
    page = client.get(talk.get_absolute_url()).content.decode()
    # Outline chapter 1 starts at 60 s, highlight 1 at 30 s, transcript 1 at 10 s.
    for seconds, iso, label in ((60, "PT1M", "1:00"), (30, "PT30S", "0:30")):
        assert (
            '<a class="timecode" href="https://www.youtube.com/watch?v=AbCdEfGhI_0'
            f'&amp;t={seconds}s" data-start="{seconds}" data-page-href="?t={seconds}">'
            f'<time datetime="{iso}">{label}</time>'
            '<span class="visually-hidden">から再生</span></a>'
        ) in page
    assert 'data-page-href="?t=10"' in page


def test_without_a_video_there_is_no_player_and_time_stamps_are_plain_text(client):
    talk = make_talk(outline=2, highlights=1, transcript=1)
    page = client.get(talk.get_absolute_url()).content.decode()
    assert "video__play" not in page
    assert "player.js" not in page
    assert 'class="timecode"' in page
    assert '<a class="timecode"' not in page
    assert '<time class="timecode" datetime="PT1M">1:00</time>' in page


def test_the_play_link_tells_what_is_sent_and_links_the_notice(client):
    talk = make_talk(video_url=VIDEO)
    page = client.get(talk.get_absolute_url()).content.decode()
    assert "閲覧情報が Google に送信されます。押すまでは何も送信されません。" in page
    assert 'href="/about/external-transmission/"' in page


def test_the_talk_page_costs_the_same_queries_however_long(
    client, django_assert_num_queries
):
    """Parts, mind map, time stamps and JSON-LD all come from one prefetch,
    or from the talk's stored parts."""
    short = make_talk(
        video_url=VIDEO,
        tags=["a"],
        takeaways=1,
        outline=1,
        keywords=1,
        highlights=1,
        transcript=1,
    )
    # Another video: one talk per video (Talk.video_id is unique).
    long = make_talk(
        video_url="https://www.youtube.com/watch?v=AAAAAAAAAAA",
        tags=["a", "b", "c"],
        takeaways=12,
        outline=15,
        keywords=10,
        highlights=20,
        transcript=80,
    )
    # Rendered (the first reader), then from the stored parts.
    for expected in (
        EXPECTED_QUERIES["detail, all rendered"],
        EXPECTED_QUERIES["detail"],
    ):
        empty_the_page_cache()
        with django_assert_num_queries(expected):
            client.get(short.get_absolute_url())
        with django_assert_num_queries(expected):
            client.get(long.get_absolute_url())
