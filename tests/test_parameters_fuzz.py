"""Any value in any public parameter, of every public page and of the API, is
answered without a server error (Hypothesis).

Values: any text without surrogates (NUL and other controls included), huge
and negative numbers, long digit runs, repeated parameters. The suite runs on
whichever database DATABASE_URL names; CI runs it on SQLite and PostgreSQL,
where a NUL byte used to be a 500. About 350 requests in all.
"""

from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summaries.models import Talk

from .factories import make_channel, make_speaker, make_talk

pytestmark = pytest.mark.django_db

EXAMPLES = 25

texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
numbers = st.integers(min_value=-(10**30), max_value=10**30).map(str)
special = st.sampled_from(
    [
        "",
        "\x00",
        "a\x00b",
        "0",
        "-1",
        "9" * 5000,
        "99999",
        "999999999999999999999",
        "2024",
        "last",
        "1e3",
        "９９９９",
        "\u202e",
        "../..",
        "%00",
        "東京都",
        "govtech東京",
        "miyasaka",
        "hidden",
        "tokyo",
        "防災の話0",
        "下書き",
    ]
)
values = st.one_of(texts, numbers, special)
# A parameter given 0 to 3 times; tags up to 15 times.
repeated = st.lists(values, max_size=3)
slugs = st.one_of(values, st.from_regex(r"[-\w]{1,120}", fullmatch=True))


def params_for(names, tag_limit=15):
    fields = dict.fromkeys(names, repeated)
    if "tag" in fields:
        fields["tag"] = st.lists(values, max_size=tag_limit)
    # Plus a parameter nobody reads.
    fields["utm_source"] = repeated
    return st.fixed_dictionaries({}, optional=fields)


LIST = ["q", "tag", "speaker", "channel", "year", "page"]
PAGES = {
    "/": params_for(["q"]),
    "/talks/": params_for(LIST),
    "/en/talks/": params_for(LIST),
    "/tags/": params_for(["page"]),
    "/speakers/": params_for(["page"]),
    "/feed/": params_for([]),
    "/sitemap.xml": params_for(["p"]),
    "/api/talks/": params_for(["tag", "speaker", "year", "page", "size"]),
    "/api/talks.csv": params_for([]),
}
# Pages whose address holds a slug: {path with {slug}: parameters}.
SLUG_PAGES = {
    "/talks/{slug}/": params_for(["t"]),
    "/en/tags/{slug}/": params_for(["page"]),
    "/speakers/{slug}/": params_for(["page"]),
    "/tags/{slug}/feed/": params_for([]),
    "/api/talks/{slug}/": params_for([]),
}


@pytest.fixture
def catalogue():
    speaker = make_speaker("宮坂 学", slug="miyasaka")
    hidden = make_speaker("下書き 太郎", slug="hidden")
    channel = make_channel("都庁", slug="tokyo")
    for n in range(3):
        make_talk(
            f"防災の話{n}",
            tags=["東京都", "GovTech東京", f"タグ{n}"],
            speakers=[speaker],
            channel=channel,
            video_url=f"https://www.youtube.com/watch?v=abcdefghij{n}",
        )
    make_talk(status=Talk.Status.DRAFT, speakers=[hidden], tags=["下書き"])


def check(response, path):
    """No 5xx; the API answers errors in JSON, pages with the site's pages."""
    assert response.status_code < 500, (path, response.status_code)
    if response.status_code >= 400:
        content_type = response["Content-Type"]
        if path.startswith("/api/talks"):
            assert content_type.startswith("application/json"), path
        elif response.status_code in (400, 404):
            assert content_type == "text/html; charset=utf-8", path
            assert "Bad Request (400)" not in response.content.decode(), path


@pytest.mark.parametrize("path", PAGES)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_parameter_value_is_answered_without_a_server_error(catalogue, path, data):
    params = data.draw(PAGES[path], label="params")
    reader = Client(raise_request_exception=False)
    check(reader.get(path, params), path)


@pytest.mark.parametrize("template", SLUG_PAGES)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_slug_in_an_address_is_answered_without_a_server_error(
    catalogue, template, data
):
    slug = data.draw(slugs, label="slug")
    params = data.draw(SLUG_PAGES[template], label="params")
    path = template.format(slug=quote(slug, safe=""))
    reader = Client(raise_request_exception=False)
    check(reader.get(path, params), path)
