"""Every answer of the API matches /api/openapi.json, the document it publishes."""

import datetime as dt

import pytest
from django.utils import timezone
from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

from summaries.models import Talk

from .factories import make_speaker, make_talk

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    # OpenAPI.from_dict validates the document itself (OpenAPI 3.1) first.
    # The CSV is documented as text: read it as UTF-8 (its BOM stays a character).
    config = Config(
        extra_media_type_deserializers={
            "text/csv": lambda data, charset="utf-8", **_: data.decode(charset)
        }
    )
    return OpenAPI.from_dict(response.json(), config=config)


@pytest.fixture
def talks():
    speaker = make_speaker("宮坂 学", slug="miyasaka", name_latin="Manabu Miyasaka")
    full = make_talk(
        "全部入り",
        slug="full",
        tags=["DX", "東京都"],
        speakers=[speaker, make_speaker()],
        takeaways=3,
        questions=2,
        outline=2,
        keywords=2,
        highlights=2,
        transcript=2,
        video_url="https://youtu.be/abcdefghijk",
        source_rating="5.0",
        source_rating_count=0,
    )
    bare = make_talk("最小限", slug="bare", video_date=dt.date(2023, 4, 1))
    make_talk("下書き", slug="draft", status=Talk.Status.DRAFT)
    make_talk("予約", slug="later", published_at=timezone.now() + dt.timedelta(days=1))
    return full, bare


def conforms(spec, response):
    """Validate the real request and response against the document."""
    spec.validate_request(DjangoOpenAPIRequest(response.wsgi_request))
    spec.validate_response(
        DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
    )
    return response


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/talks/", 200),
        ("/api/talks/?size=1&page=2", 200),
        ("/api/talks/?tag=dx&tag=東京都", 200),
        ("/api/talks/?speaker=miyasaka", 200),
        ("/api/talks/?year=2023", 200),
        ("/api/talks/?tag=none", 200),
        ("/api/talks/?page=9", 404),
        ("/api/talks/full/", 200),
        ("/api/talks/bare/", 200),
        ("/api/talks/draft/", 404),
        ("/api/talks/later/", 404),
        ("/api/talks.json", 200),
        ("/api/talks.csv", 200),
    ],
)
def test_answers_match_the_document(client, spec, talks, url, status):
    response = conforms(spec, client.get(url))
    assert response.status_code == status


@pytest.mark.parametrize("query", ["size=500", "page=0", "year=x"])
def test_refusals_match_the_document(client, spec, talks, query):
    response = client.get(f"/api/talks/?{query}")
    assert response.status_code == 422
    # The request breaks the documented limits, so only the answer is checked.
    spec.validate_response(
        DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
    )


@pytest.mark.parametrize(
    "url", ["/api/talks/", "/api/talks/full/", "/api/talks.json", "/api/talks.csv"]
)
def test_not_modified_answers_match_the_document(client, spec, talks, url):
    etag = client.get(url)["ETag"]
    response = conforms(spec, client.get(url, headers={"if-none-match": etag}))
    assert response.status_code == 304


def test_the_document_lists_every_route_and_says_what_it_is(client):
    document = client.get("/api/openapi.json").json()
    assert set(document["paths"]) == {
        "/api/talks/",
        "/api/talks/{slug}/",
        "/api/talks.json",
        "/api/talks.csv",
    }
    assert all(set(item) == {"get"} for item in document["paths"].values())
    assert document["info"]["version"] == "1.0.0"
    assert document["info"]["license"]["name"] == "CC BY 4.0"
