"""The open data API: /api/talks/, /api/talks/<slug>/ and the downloads.

django-ninja builds /api/openapi.json from these signatures and the schemas,
so the document cannot drift from what the code returns.
"""

from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Field, NinjaAPI, Query, Schema
from ninja.renderers import JSONRenderer
from pydantic import AfterValidator, StringConstraints

from ..facets import MAX_TAGS
from ..models import Talk
from . import downloads, schemas
from .conditional import Validators
from .serialize import Serializer


class JSON(JSONRenderer):
    # Japanese text as UTF-8, readable in a browser, not \u escapes.
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="GovDX Talks open data",
    version=schemas.API_VERSION,
    description=(
        "Summaries of public-sector digital-transformation talks, in Japanese, "
        f"under {schemas.LICENSE_NAME}. Read-only: GET and HEAD. Every answer "
        "carries ETag and Last-Modified and answers 304 to a conditional "
        "request. The guide for people is at /api/ (English: /en/api/)."
    ),
    urls_namespace="api",
    renderer=JSON(),
    # Our own guide page instead of a UI that loads scripts from a CDN.
    docs_url=None,
    openapi_extra={
        "info": {"license": {"name": schemas.LICENSE_NAME, "url": schemas.LICENSE_URL}}
    },
)

# 304 when the client's copy is current; 412 only for an If-Match that fails.
CONDITIONAL = {304: None, 412: None}


# No control characters (a NUL byte would make PostgreSQL fail) and no "/":
# a 422 before any query. Written without \w, which JavaScript and JSON
# Schema read as ASCII only: slugs may hold Japanese letters.
Slug = Annotated[
    str, StringConstraints(pattern=r"^[^\x00-\x1f\x7f/]+$", max_length=200)
]


def _distinct_tags(values):
    """Repeated tags count once; more than MAX_TAGS is a 422, as on the site
    (each tag narrows the query: facets.py)."""
    values = list(dict.fromkeys(values))
    if len(values) > MAX_TAGS:
        raise ValueError(
            f"at most {MAX_TAGS} different tags can be combined, not {len(values)}"
        )
    return values


class TalkFilters(Schema):
    tag: Annotated[list[Slug], AfterValidator(_distinct_tags)] = Field(
        [],
        description=(
            "Tag slug; repeat it to require several tags "
            f"(at most {MAX_TAGS} different ones)."
        ),
    )
    speaker: Slug | None = Field(None, description="Speaker slug.")
    year: int | None = Field(None, ge=1, le=9999, description="Year of the video.")
    page: int = Field(1, ge=1)
    size: int = Field(20, ge=1, le=100, description="Talks per page (at most 100).")


def published_talks():
    return Talk.objects.published()


def read(path, *, name, **options):
    """GET, documented in openapi.json, and HEAD from the same function (kept
    out of the document: OpenAPI wants one operation id per method)."""

    def register(view):
        api.get(path, url_name=name, operation_id=name, **options)(view)
        api.api_operation(["HEAD"], path, include_in_schema=False, **options)(view)
        return view

    return register


@read(
    "/talks/",
    name="talk-list",
    summary="Published talks, newest first",
    response={
        200: schemas.TalkPage,
        404: schemas.Message,
        422: schemas.ValidationErrors,
        **CONDITIONAL,
    },
)
def talk_list(request, filters: Query[TalkFilters]):
    talks = published_talks().filter_by(
        tags=filters.tag, speaker=filters.speaker, year=filters.year
    )
    validators, count = Validators.for_talks_cached(
        request, talks, filters.page, filters.size
    )
    if response := validators.not_modified(request):
        return response
    pages = -(-count // filters.size)  # ceiling division
    if filters.page > max(pages, 1):
        return api.create_response(
            request,
            {"detail": f"Page {filters.page} does not exist: there are {pages}."},
            status=404,
        )

    def build():
        start = (filters.page - 1) * filters.size
        serializer = Serializer(request)
        rows = talks.newest_first().for_cards()[start : start + filters.size]
        page = schemas.TalkPage(
            count=count,
            page=filters.page,
            size=filters.size,
            pages=pages,
            next=_page_url(request, filters.page + 1) if filters.page < pages else None,
            previous=(
                _page_url(request, filters.page - 1) if filters.page > 1 else None
            ),
            results=[serializer.summary(talk) for talk in rows],
        )
        return page.model_dump(mode="json")

    body = validators.cached_body(request, build)
    return validators.apply(api.create_response(request, body, status=200))


def _page_url(request, number):
    query = request.GET.copy()
    query["page"] = number
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@read(
    "/talks/{uslug:slug}/",
    name="talk-detail",
    summary="One talk, with everything",
    response={200: schemas.TalkDetail, 404: schemas.Message, **CONDITIONAL},
)
def talk_detail(request, slug: str):
    stamp = get_object_or_404(
        published_talks().values_list("slug", "updated_at", "published_at"), slug=slug
    )
    validators = Validators.for_talk(stamp)
    if response := validators.not_modified(request):
        return response

    def build():
        talk = get_object_or_404(published_talks().for_detail(), slug=slug)
        return Serializer(request).detail(talk).model_dump(mode="json")

    body = validators.cached_body(request, build)
    return validators.apply(api.create_response(request, body, status=200))


@read(
    "/talks.json",
    name="talks-json",
    summary="Every published talk with everything, in one JSON document",
    response={200: schemas.TalkDump, **CONDITIONAL},
)
def talks_json(request):
    return downloads.serve(request, published_talks(), downloads.json_document)


@read(
    "/talks.csv",
    name="talks-csv",
    summary="Every published talk, one row each (UTF-8 with BOM, for Excel)",
    response={200: str, **CONDITIONAL},
    openapi_extra={
        "responses": {
            200: {
                "description": "CSV, one row per talk; columns as in the guide.",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
)
def talks_csv(request):
    return downloads.serve(request, published_talks(), downloads.csv_rows)
