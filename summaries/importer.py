"""Summary text -> rows, and back: the one workflow behind import_summary,
export_summary and the admin's import page.

`apply(parsed)` writes one talk with every part in one transaction, inside
`collecting_changes()`, so listeners hear about it once, after the commit.
`to_data(talk)` reads a talk back into the format's TalkData for export.
"""

from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from . import history, limits
from .models import (
    Channel,
    Highlight,
    Keyword,
    OutlineChapter,
    Question,
    Tag,
    TaggedTalk,
    Takeaway,
    Talk,
    TranscriptSegment,
)
from .models.base import unique_slug
from .slugs import romanised_slug
from .summary_format import (
    KeywordData,
    KnownTags,
    Problem,
    QuestionData,
    SummaryError,
    TakeawayData,
    TalkData,
    TimedData,
)
from .text import fold, list_separator, unicode_slug
from .youtube import validate_youtube_url, video_id

TOO_LONG = gettext_noop(
    "%(field)s「%(text)s」が長すぎます（%(length)d文字。%(limit)d文字までです）。"
)
NOT_YOUTUBE = gettext_noop(
    "動画のアドレス「%(url)s」は YouTube の動画のアドレスではありません。"
    "https://www.youtube.com/watch?v=… の形で書いてください。"
)
TAG_WITHOUT_SLUG = gettext_noop(
    "タグ「%(tag)s」には URL に使える文字（文字か数字）がありません。"
    "文字を含む名前にしてください。"
)
TOO_LATE = gettext_noop("時刻が大きすぎます（%(seconds)d秒）。")
LARGEST_SECONDS = 2**31 - 1  # PositiveIntegerField, on every database

# The ordered parts: (TalkData attribute, model, fields from one item).
PARTS = (
    ("takeaways", Takeaway, lambda t: {"emoji": t.emoji, "text": t.text}),
    ("questions", Question, lambda q: {"text": q.text, "answer": q.answer}),
    (
        "outline",
        OutlineChapter,
        lambda r: {"start_seconds": r.start_seconds, "title": r.text},
    ),  # fmt: skip
    ("keywords", Keyword, lambda k: {"text": k.text}),
    (
        "highlights",
        Highlight,
        lambda r: {"start_seconds": r.start_seconds, "text": r.text},
    ),  # fmt: skip
    (
        "transcript",
        TranscriptSegment,
        lambda r: {"start_seconds": r.start_seconds, "text": r.text},
    ),  # fmt: skip
)


def describe(problem):
    """A problem in the reader's language: "12行目: 質問「…」に回答がありません。"."""
    message = gettext(problem.template)
    if problem.params:
        message %= problem.params_as_text(list_separator())
    if not problem.line:
        return message  # the text as a whole, or an item not in it yet
    return gettext("%(line)d行目: %(message)s") % {
        "line": problem.line,
        "message": message,
    }


def known_tags():
    """The site's tags, for cutting run-together tag lines."""
    return KnownTags(Tag.objects.values_list("name", flat=True).iterator())


def check(talk):
    """Raise SummaryError for what the format allows but the database does not."""

    def limit(model, field, text, line):
        size = model._meta.get_field(field).max_length
        if len(text) > size:
            short = text if len(text) <= 30 else text[:30] + "…"
            params = {
                "field": model._meta.get_field(field).verbose_name,
                "text": short,
                "length": len(text),
                "limit": size,
            }
            raise SummaryError(Problem(line, TOO_LONG, params))

    lines = talk.lines
    for name in (
        "takeaways",
        "questions",
        "outline",
        "keywords",
        "highlights",
        "transcript",
    ):
        items = getattr(talk, name)
        over = limits.excess(name, len(items))
        if over:
            # Named at the first item past the bound.
            raise SummaryError(
                Problem(items[over.most].line, limits.TOO_MANY, over.params)
            )
    limit(Talk, "title", talk.title, lines.get("title", 0))
    limit(Channel, "name", talk.channel, lines.get("channel", 0))
    if talk.duration_seconds > LARGEST_SECONDS:
        params = {"seconds": talk.duration_seconds}
        raise SummaryError(Problem(lines.get("date", 0), TOO_LATE, params))
    if talk.video_url:
        line = lines.get("video_url", 0)
        limit(Talk, "video_url", talk.video_url, line)
        try:
            validate_youtube_url(talk.video_url)
        except ValidationError:
            params = {"url": talk.video_url}
            raise SummaryError(Problem(line, NOT_YOUTUBE, params)) from None
    for takeaway in talk.takeaways:
        limit(Takeaway, "emoji", takeaway.emoji, takeaway.line)
    for chapter in talk.outline:
        limit(OutlineChapter, "title", chapter.text, chapter.line)
    for keyword in talk.keywords:
        limit(Keyword, "text", keyword.text, keyword.line)
    for row in (*talk.outline, *talk.highlights, *talk.transcript):
        if row.start_seconds > LARGEST_SECONDS:
            params = {"seconds": row.start_seconds}
            raise SummaryError(Problem(row.line, TOO_LATE, params))
    for name in talk.tags:
        limit(Tag, "name", name, lines.get("tags", 0))
        if not unicode_slug(name):
            params = {"tag": name}
            raise SummaryError(Problem(lines.get("tags", 0), TAG_WITHOUT_SLUG, params))


def find_existing(talk, channel=None):
    """The talk already here: the one about the same video (its address names
    the video's ID, which is unique) or else the one with the same title,
    channel and video date."""
    vid = video_id(talk.video_url)
    if vid:
        same_video = Talk.objects.filter(video_id=vid).first()
        if same_video is not None:
            return same_video
    channel = channel or Channel.objects.filter(name=talk.channel).first()
    if channel is None:
        return None
    return (
        Talk.objects.filter(
            title=talk.title, channel=channel, video_date=talk.video_date
        )
        .order_by("pk")
        .first()
    )


def new_slug(talk):
    """`2024-06-05-bosai-dx-saizensen`: the video date, then the title in
    ASCII, cut before a word that would make it too long (slugs.py)."""
    date = talk.video_date.isoformat()

    def dated(title, max_length):
        words = romanised_slug(title, max_length - len(date) - 1)
        return f"{date}-{words}" if words else date

    return unique_slug(Talk, talk.title, max_length=48, slugify=dated)


@dataclass(frozen=True)
class Outcome:
    action: str  # "created", "updated", "unchanged" or "skipped"
    talk: Talk


def apply(parsed, *, update=False, publish=False, user=None, source=""):
    """Write the parsed talk, all or nothing. An existing talk (same video, or
    same title, channel, date) is left alone unless `update`: then its content
    is replaced, its slug, status, publication time and speakers kept. The
    result is recorded in the talk's history (by `user`, from `source`)."""
    data = parsed.talk
    check(data)
    comment = (
        gettext("インポート: %(source)s") % {"source": source}
        if source
        else gettext("インポート")
    )
    # An existing talk this may replace gets its first version before, if it
    # has none (looked up again, under the lock, below).
    before = find_existing(data) if update else None
    talks = {before.pk} if before else ()
    with (
        history.recording(comment, user, manually=True, talks=talks),
        transaction.atomic(),
    ):
        channel, _created = Channel.objects.get_or_create(name=data.channel)
        # Imports of one channel take turns, so two of one file make one talk.
        channel = Channel.objects.select_for_update().get(pk=channel.pk)
        existing = find_existing(data, channel)
        if existing and not update:
            transaction.set_rollback(True)  # nothing written, not even a channel
            return Outcome("skipped", existing)
        if existing and same_content(to_data(existing), data):
            return Outcome("unchanged", existing)
        talk = existing or Talk(
            title=data.title,
            channel=channel,
            video_date=data.video_date,
            slug=new_slug(data),
            status=Talk.Status.PUBLISHED if publish else Talk.Status.DRAFT,
        )
        # Found by its video, a talk may have had another title or date.
        talk.title, talk.channel = data.title, channel
        talk.video_date = data.video_date
        talk.duration_seconds = data.duration_seconds
        talk.video_url = data.video_url
        talk.tldr = data.tldr
        talk.source_rating = data.source_rating
        talk.source_rating_count = data.source_rating_count
        talk.save()  # announces the change; the parts below belong to it
        if existing:
            for _name, model, _fields in PARTS:
                model.objects.filter(talk=talk).delete()
            talk.tagged_items.all().delete()
        for name, model, fields in PARTS:
            model.objects.bulk_create(
                model(talk=talk, position=position, **fields(item))
                for position, item in enumerate(getattr(data, name), start=1)
            )
        tags = Tag.objects.resolve(data.tags)
        TaggedTalk.objects.bulk_create(
            TaggedTalk(content_object=talk, tag=tags[fold(name.strip())])
            for name in data.tags
        )
        history.record_written(talk)  # bulk writes send no signals: say it all
    return Outcome("updated" if existing else "created", talk)


def same_content(a, b):
    """Equal talks; tags compared as the site matches them (ＤＸ is DX)."""
    return replace(a, tags=tuple(map(fold, a.tags))) == replace(
        b, tags=tuple(map(fold, b.tags))
    )


def to_data(talk):
    """The talk as the format's TalkData: what export_summary writes."""
    talk = (
        Talk.objects.select_related("channel")
        .prefetch_related(
            "takeaways", "questions", "outline", "keywords", "highlights", "transcript"
        )
        .get(pk=talk.pk)
    )
    tags = (
        TaggedTalk.objects.filter(content_object=talk)
        .order_by("pk")  # the order they were given in
        .values_list("tag__name", flat=True)
    )
    return TalkData(
        title=talk.title,
        channel=talk.channel.name,
        video_date=talk.video_date,
        duration_seconds=talk.duration_seconds,
        video_url=talk.video_url,
        tldr=talk.tldr,
        takeaways=tuple(TakeawayData(t.emoji, t.text) for t in talk.takeaways.all()),
        questions=tuple(QuestionData(q.text, q.answer) for q in talk.questions.all()),
        outline=tuple(TimedData(c.start_seconds, c.title) for c in talk.outline.all()),
        keywords=tuple(KeywordData(k.text) for k in talk.keywords.all()),
        highlights=tuple(
            TimedData(h.start_seconds, h.text) for h in talk.highlights.all()
        ),
        transcript=tuple(
            TimedData(s.start_seconds, s.text) for s in talk.transcript.all()
        ),
        tags=tuple(tags),
        source_rating=talk.source_rating,
        source_rating_count=talk.source_rating_count,
    )
