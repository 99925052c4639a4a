"""Every search page costs the same number of queries, whatever the data size."""

import pytest

from .factories import make_channel, make_speaker, make_talk
from .search_helpers import BROWSER
from .test_views import EXPECTED_QUERIES, empty_the_page_cache

pytestmark = pytest.mark.django_db

# ids of the matches, the page's talks, their tags and speakers, their text for
# snippets, the log row (in a savepoint of its own, three statements: a
# database that fails there leaves the page served); the filter counts (tags,
# speakers, channels and years, one query over the matches' listing rows) and
# their names; the editors' synonyms; and first, the page cache's check of
# the content's state.
SEARCH_QUERIES = 12
LOG_ROW = 3  # savepoint, insert, release
# the stored count, the page's talks and their stored cards (the first time:
# their tags and speakers read, the cards written); the filters: talks not
# yet due, stored tag, speaker, channel and year counts (test_views).
LIST_QUERIES = EXPECTED_QUERIES["list, cards rendered"]


def make_many(n):
    channels = [make_channel(slug=f"ch{j}") for j in range(3)]
    speakers = [make_speaker() for _ in range(4)]
    for i in range(n):
        make_talk(
            f"防災の講演{i}",
            tldr="窓口と防災の話。",
            channel=channels[i % 3],
            tags=[f"タグ{i % 7}", "防災"],
            speakers=speakers[: 1 + i % 3],
            takeaways=3,
            questions=3,
            transcript=2,
            video_date=f"{2019 + i % 5}-04-01",
        )


# On SQLite the best results are read band by band (search/bands.py) in the
# statement that would otherwise score every match, which it does when the
# bands do not hold the page; PostgreSQL scores every match, as SQLite does
# for a one-character term: one query for the ids whichever way.
@pytest.mark.parametrize("talks", [2, 45])
@pytest.mark.parametrize(
    "params",
    [
        {"q": "防災"},  # in every title: the best band holds them all
        # 窓口 in the TL;DR: the best bands are empty, and the next ones
        # within the cells read, so every match is scored after all.
        {"q": "防災 窓口"},
        {"q": "防"},  # the single-character scan
    ],
)
def test_search_page_query_count_is_fixed(
    client, django_assert_num_queries, talks, params
):
    make_many(talks)
    with django_assert_num_queries(SEARCH_QUERIES):
        response = client.get("/talks/", params, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    assert f"{talks}件の講演が見つかりました" in response.content.decode()


@pytest.mark.parametrize("talks", [2, 45])
def test_list_page_query_count_is_fixed(client, django_assert_num_queries, talks):
    make_many(talks)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get("/talks/")
    assert f"{talks}件の講演" in response.content.decode()
    empty_the_page_cache()
    with django_assert_num_queries(EXPECTED_QUERIES["list"]):
        assert client.get("/talks/").content == response.content


@pytest.mark.parametrize("talks", [2, 45])
def test_tag_filtered_search_query_count_is_fixed(
    client, django_assert_num_queries, talks
):
    make_many(talks)
    # No log row; the chosen tag's name, and its id to leave it out of the
    # counts, one query each.
    with django_assert_num_queries(SEARCH_QUERIES - LOG_ROW + 2):
        response = client.get(
            "/talks/", {"q": "防災", "tag": "防災"}, HTTP_USER_AGENT=BROWSER
        )
    page = response.content.decode()
    assert f"{talks}件の講演が見つかりました" in page
    chosen = "tag=%E9%98%B2%E7%81%BD"
    assert f"{chosen}&amp;{chosen}" not in page  # the chosen tag: not offered again
    assert f"{chosen}&amp;tag=%E3%82%BF%E3%82%B00" in page  # others narrow further


@pytest.mark.parametrize("talks", [2, 45])
def test_filtered_search_query_count_is_fixed(client, django_assert_num_queries, talks):
    make_many(talks)
    # No log row (a refined search is not a new one); the chosen tag's and
    # channel's names cost one query each; with a channel chosen, the counts
    # are taken one filter at a time (each without its own: facets.py), four
    # queries instead of one.
    with django_assert_num_queries(SEARCH_QUERIES - LOG_ROW + 2 + 3):
        response = client.get(
            "/talks/",
            {"q": "防災", "tag": "防災", "channel": "ch0"},
            HTTP_USER_AGENT=BROWSER,
        )
    found = len(range(0, talks, 3))
    assert f"{found}件の講演が見つかりました" in response.content.decode()
