"""Public query parameters a reader or a script can send: every value either
works or gets a 400 page that says what is wrong, in the reader's language;
none costs more than its number of values, none is a 500."""

import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from summaries.facets import MAX_TAGS
from summaries.models import Talk

from .factories import make_channel, make_speaker, make_talk

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    """A reader's browser: a failure is the page a reader would see, not a
    traceback, and CSRF is checked as in production."""
    return Client(raise_request_exception=False, enforce_csrf_checks=True)


def tags_query(count, prefix="x"):
    return "&".join(f"tag={prefix}{n}" for n in range(count))


def problem_of(page):
    """The explanation on the 400 page."""
    match = re.search(r'<p class="error-page__problem">([^<]*)</p>', page)
    return match and match.group(1)


@pytest.mark.parametrize("path", ["/talks/", "/en/talks/"])
@pytest.mark.parametrize("count", [MAX_TAGS + 1, 33, 60])
def test_more_tags_than_the_cap_get_a_400_page_that_explains(reader, path, count):
    make_talk(tags=["x0", "x1"])
    response = reader.get(f"{path}?q=&{tags_query(count)}")
    page = response.content.decode()
    assert response.status_code == 400
    if path.startswith("/en/"):
        assert '<html lang="en">' in page
        assert problem_of(page) == (
            f"You can combine at most {MAX_TAGS} tags (this address has {count})."
            " Remove some tags and try again."
        )
    else:
        assert '<html lang="ja">' in page
        assert problem_of(page) == (
            f"タグで絞り込めるのは一度に{MAX_TAGS}個までです（このアドレスには"
            f"{count}個あります）。タグを減らしてからもう一度お試しください。"
        )


def test_the_400_page_offers_the_list_without_the_bad_parameter(reader):
    response = reader.get(f"/talks/?q=防災&{tags_query(MAX_TAGS + 1)}")
    page = response.content.decode()
    assert '<a href="/talks/?q=%E9%98%B2%E7%81%BD">' in page


def test_repeated_tags_count_once(reader):
    make_talk("両方", tags=["x0", "x1"])
    query = "&".join(["tag=x0", "tag=x1"] * MAX_TAGS)
    response = reader.get(f"/talks/?{query}")
    assert response.status_code == 200
    assert "両方" in response.content.decode()


def test_tags_up_to_the_cap_all_must_match(reader):
    every = [f"x{n}" for n in range(MAX_TAGS)]
    make_talk("全部", tags=every)
    make_talk("一つ足りない", tags=every[:-1])
    response = reader.get(f"/talks/?{tags_query(MAX_TAGS)}")
    page = response.content.decode()
    assert response.status_code == 200
    assert "全部" in page
    assert "一つ足りない" not in page


def test_tag_filter_costs_the_same_query_whatever_the_number_of_tags():
    """One subquery however many tags: joining once per tag made 33 tags a 500
    on SQLite and 60 a worker held for 30 s on PostgreSQL."""
    talks = Talk.objects.published()
    one = str(talks.filter_by(tags=["x0"]).query)
    many = str(talks.filter_by(tags=[f"x{n}" for n in range(MAX_TAGS)]).query)
    assert many.count("JOIN") == one.count("JOIN")
    assert many.count("SELECT") == one.count("SELECT")


def test_the_api_refuses_more_tags_than_the_cap_as_json(reader):
    response = reader.get(f"/api/talks/?{tags_query(33)}")
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")
    (issue,) = json.loads(response.content)["detail"]
    assert issue["loc"][-1] == "tag"
    assert f"at most {MAX_TAGS}" in issue["msg"]


def test_the_api_combines_tags_up_to_the_cap(reader):
    every = [f"x{n}" for n in range(MAX_TAGS)]
    make_talk("全部", tags=every)
    make_talk("一つ足りない", tags=every[:-1])
    response = reader.get(f"/api/talks/?{tags_query(MAX_TAGS)}&tag=x0")
    assert response.status_code == 200
    assert [t["title"] for t in json.loads(response.content)["results"]] == ["全部"]


@pytest.mark.parametrize(
    "value",
    ["99999", "999999999999999999999", "0", "abc", "2024.5", "-1", "９" * 4],
)
def test_a_year_that_cannot_be_one_gets_a_400_page(reader, value):
    response = reader.get("/talks/", {"year": value})
    assert response.status_code == 400
    assert problem_of(response.content.decode()) == (
        "動画の年は、西暦の数字（例: 2024）で指定してください。"
    )


def test_a_year_in_english(reader):
    response = reader.get("/en/talks/", {"year": "99999"})
    assert response.status_code == 400
    assert problem_of(response.content.decode()) == (
        "Give the year of the video as a number, such as 2024."
    )


def test_a_year_with_no_talks_is_an_empty_list(reader):
    make_talk(video_date="2024-06-05")
    response = reader.get("/talks/", {"year": "1999"})
    assert response.status_code == 200
    page = response.content.decode()
    # Talks are published: the filter found none, and says so.
    assert "この条件に合う講演はありません。" in page
    assert "まだ公開中の講演はありません" not in page
    assert reader.get("/talks/", {"year": ""}).status_code == 200
    english = reader.get("/en/talks/", {"year": "1999"}).content.decode()
    assert "No talks match these filters." in english


@pytest.mark.parametrize(
    ("name", "label"),
    [("tag", "タグ"), ("speaker", "登壇者"), ("channel", "チャンネル")],
)
@pytest.mark.parametrize("value", ["a\x00b", "\x00", "a\x1fb", "a b", "a/b", "a" * 101])
def test_a_slug_that_cannot_be_one_gets_a_400_page(reader, name, label, value):
    """On PostgreSQL a NUL byte in a compared value was a 500 (DataError)."""
    response = reader.get("/talks/", {name: value})
    assert response.status_code == 400
    assert problem_of(response.content.decode()) == (
        f"{label}の指定が正しくありません。一覧のリンクから選び直してください。"
    )


def test_slugs_with_japanese_letters_are_slugs(reader):
    speaker = make_speaker("宮坂 学", slug="宮坂-学")
    channel = make_channel("都庁", slug="都庁_チャンネル")
    make_talk("防災", tags=["防災"], speakers=[speaker], channel=channel)
    response = reader.get(
        "/talks/", {"tag": "防災", "speaker": "宮坂-学", "channel": "都庁_チャンネル"}
    )
    assert response.status_code == 200
    assert "防災" in response.content.decode()


def test_a_start_time_of_any_length_starts_the_video_at_the_beginning(reader):
    """`int()` refuses more than 4,300 digits: that was a 500."""
    talk = make_talk(video_url="https://www.youtube.com/watch?v=abcdefghijk")
    for value in ("9" * 5000, "9" * 30, "-5", "\x00"):
        response = reader.get(talk.get_absolute_url(), {"t": value})
        assert response.status_code == 200
        assert 'data-start="0"' in response.content.decode()


def test_page_numbers_past_the_last_page_are_not_found(reader):
    make_talk("防災の話")
    for value in ("9" * 5000, "99999999999999999999", "2"):
        assert reader.get("/talks/", {"page": value}).status_code == 404
        assert reader.get("/tags/", {"page": value}).status_code == 404
        # A search reads its best results first when the page lies among them.
        assert reader.get("/talks/", {"q": "防災", "page": value}).status_code == 404
    for value in ("²", "٣", "１"):  # digits to str.isdigit(), not to int()
        response = reader.get("/talks/", {"q": "防災", "page": value})
        assert response.status_code == 400
    assert reader.get("/talks/", {"page": "last"}).status_code == 200


@pytest.mark.parametrize("path", ["/talks/", "/tags/", "/speakers/"])
@pytest.mark.parametrize("value", ["0", "000", "-1", "x", "2.5", "１", "1 ", "\x00"])
def test_a_page_number_that_cannot_be_one_gets_a_400_page(reader, path, value):
    make_talk()
    response = reader.get(
        path, {"page": value, "q": "防災"} if path == "/talks/" else {"page": value}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert problem_of(page) == "ページ番号は、1以上の数字（例: 2）で指定してください。"
    if path == "/talks/":  # the way out keeps the search, drops the page
        assert '<a href="/talks/?q=%E9%98%B2%E7%81%BD">' in page


def test_bad_parameters_are_refused_before_any_query(reader):
    """A 400 for a parameter costs nothing but the page cache's state check."""
    with CaptureQueriesContext(connection) as queries:
        response = reader.get("/talks/", {"year": "99999"})
    assert response.status_code == 400
    assert len(queries) <= 1
