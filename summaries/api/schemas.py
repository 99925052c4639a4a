"""The shape of the open data: what /api/ returns, and so what openapi.json says.

Field names are English and stable; the text inside is stored exactly as the
editors wrote it (Japanese). Adding a field is a minor version; renaming or
removing one would be a new major version under a new address.
"""

import datetime as dt

from pydantic import BaseModel, Field

API_VERSION = "1.0.0"
LICENSE_NAME = "CC BY 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/deed.ja"


class Schema(BaseModel):
    """Plain pydantic models, built from keyword arguments: ninja's own Schema
    would also read ORM attributes, which costs time and is not needed here."""


class Channel(Schema):
    name: str
    slug: str
    url: str | None = Field(description="The channel's own address, when known.")


class SpeakerRole(Schema):
    """A speaker as credited in one talk, in the talk's order."""

    slug: str
    name: str = Field(description="Kanji, family name first.")
    name_kana: str | None
    name_latin: str | None
    title: str | None
    organisation: str | None
    role: str | None = Field(description="Their part in this talk, e.g. 聞き手.")
    url: str = Field(description="The speaker's page on this site.")


class Tag(Schema):
    name: str
    slug: str
    url: str


class Takeaway(Schema):
    emoji: str | None = Field(description="Kept exactly, even multi-code-point.")
    text: str


class Question(Schema):
    question: str
    answer: str


class TimedText(Schema):
    """A line that starts at a second of the video (outline, highlight, transcript)."""

    start_seconds: int = Field(ge=0)
    timecode: str = Field(examples=["11:14"])
    text: str
    url: str = Field(description="This site's page, starting the video there.")


class TalkSummary(Schema):
    """One talk as a list shows it."""

    slug: str
    title: str
    url: str = Field(description="The talk's page on this site.")
    api_url: str = Field(description="Everything about the talk: /api/talks/<slug>/")
    channel: Channel
    speakers: list[SpeakerRole]
    tags: list[Tag]
    tldr: str
    video_url: str | None = Field(description="The YouTube address, when known.")
    video_date: dt.date = Field(description="When the video was published.")
    duration_seconds: int = Field(ge=0)
    published_at: dt.datetime = Field(description="When this summary went public.")
    updated_at: dt.datetime = Field(description="When its content last changed.")


class TalkDetail(TalkSummary):
    """Everything the site knows and shows about one talk."""

    takeaways: list[Takeaway]
    questions: list[Question]
    outline: list[TimedText]
    keywords: list[str]
    highlights: list[TimedText]
    transcript: list[TimedText]
    source_rating: float | None = Field(
        description="The rating printed on the page this summary was copied from "
        "(0 to 5), not this site's readers' ratings."
    )
    source_rating_count: int | None
    is_generated: bool = Field(description="True for synthetic test data.")


class TalkPage(Schema):
    """One page of talks, newest first."""

    count: int = Field(ge=0, description="Talks matching the filters, all pages.")
    page: int = Field(ge=1)
    size: int = Field(ge=1)
    pages: int = Field(ge=0)
    next: str | None
    previous: str | None
    results: list[TalkSummary]


class License(Schema):
    name: str
    url: str


class TalkDump(Schema):
    """Every public talk in full: /api/talks.json."""

    api_version: str
    license: License
    count: int = Field(ge=0)
    talks: list[TalkDetail]


class Message(Schema):
    detail: str


class ValidationIssue(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrors(Schema):
    detail: list[ValidationIssue]
