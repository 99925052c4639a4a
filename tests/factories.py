"""Small builders for test data: each test makes exactly the rows it needs."""

import datetime as dt
import itertools

from django.utils import timezone

from summaries.models import (
    Channel,
    Highlight,
    Keyword,
    OutlineChapter,
    Question,
    Speaker,
    Takeaway,
    Talk,
    TalkSpeaker,
    TranscriptSegment,
)
from summaries.signals import announce

_numbers = itertools.count(1)


def make_channel(name=None, **fields):
    return Channel.objects.create(name=name or f"チャンネル{next(_numbers)}", **fields)


def make_speaker(name=None, **fields):
    n = next(_numbers)
    fields.setdefault("slug", f"speaker-{n}")
    return Speaker.objects.create(name=name or f"登壇者 {n}", **fields)


def make_talk(
    title=None,
    *,
    channel=None,
    status=Talk.Status.PUBLISHED,
    published_at=None,
    tags=(),
    speakers=(),
    takeaways=0,
    questions=0,
    outline=0,
    keywords=0,
    highlights=0,
    transcript=0,
    **fields,
):
    """A talk with `n` of each part; published an hour ago unless told otherwise."""
    n = next(_numbers)
    if status == Talk.Status.PUBLISHED and published_at is None:
        published_at = timezone.now() - dt.timedelta(hours=1, minutes=n)
    fields.setdefault("video_date", dt.date(2024, 6, 5))
    fields.setdefault("duration_seconds", 674)
    fields.setdefault("tldr", f"講演{n}の要約。")
    talk = Talk.objects.create(
        title=title or f"講演 {n}",
        channel=channel or make_channel(),
        status=status,
        published_at=published_at,
        **fields,
    )
    if tags:
        talk.tags.add(*tags)
    for position, speaker in enumerate(speakers, start=1):
        TalkSpeaker.objects.create(talk=talk, speaker=speaker, position=position)
    add_parts(
        talk,
        takeaways=takeaways,
        questions=questions,
        outline=outline,
        keywords=keywords,
        highlights=highlights,
        transcript=transcript,
    )
    return talk


def add_parts(
    talk, takeaways=0, questions=0, outline=0, keywords=0, highlights=0, transcript=0
):
    Takeaway.objects.bulk_create(
        Takeaway(talk=talk, position=i, emoji="📌", text=f"要点{i}")
        for i in range(1, takeaways + 1)
    )
    Question.objects.bulk_create(
        Question(talk=talk, position=i, text=f"質問{i}？", answer=f"回答{i}。")
        for i in range(1, questions + 1)
    )
    OutlineChapter.objects.bulk_create(
        OutlineChapter(talk=talk, position=i, start_seconds=i * 60, title=f"章{i}")
        for i in range(1, outline + 1)
    )
    Keyword.objects.bulk_create(
        Keyword(talk=talk, position=i, text=f"キーワード{i}")
        for i in range(1, keywords + 1)
    )
    Highlight.objects.bulk_create(
        Highlight(talk=talk, position=i, start_seconds=i * 30, text=f"ハイライト{i}")
        for i in range(1, highlights + 1)
    )
    TranscriptSegment.objects.bulk_create(
        TranscriptSegment(talk=talk, position=i, start_seconds=i * 10, text=f"発言{i}")
        for i in range(1, transcript + 1)
    )
    # bulk_create sends no signals: say what every other writer says.
    announce({talk.pk})
