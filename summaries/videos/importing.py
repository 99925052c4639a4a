"""A Video -> a draft talk, all or nothing; again -> only what may change.

`plan(video)` says what an import would do (the admin's preview shows it);
`apply(video)` does it in one transaction, recorded in the talk's history,
announced once through `talk_changed` (history.recording).

The talk is found by its video ID (Talk.video_id, unique), so this and
import_summary never make two talks of one video. On a second run each
field is compared three ways: what the files say now, what the talk holds,
and what the last import wrote (VideoImport.imported). A field is written
when it is empty or still holds what the last import wrote; one an editor
changed is kept, and listed, unless `update` is given.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext, gettext_lazy

from .. import history, limits, talk_parts
from ..importer import new_slug
from ..models import (
    Channel,
    OutlineChapter,
    Question,
    Tag,
    TaggedTalk,
    Takeaway,
    Talk,
    TranscriptSegment,
)
from ..summary_format import Problem
from ..text import fold, list_separator
from . import messages as msg
from .models import VideoImport
from .reading import VideoError, transcript_of

# The transcript of a caption file the last import read: known by its digest,
# read again only if it is to be written.
UNREAD = object()

METADATA = ("title", "video_date", "duration_seconds", "channel")
PARTS = {
    "takeaways": (Takeaway, lambda t: {"emoji": t.emoji, "text": t.text}),
    "questions": (Question, lambda q: {"text": q.text, "answer": q.answer}),
    "outline": (OutlineChapter, lambda r: {"start_seconds": r.start_seconds,
                                           "title": r.text}),
    "transcript": (TranscriptSegment, lambda r: {"start_seconds": r.start_seconds,
                                                 "text": r.text}),
}  # fmt: skip
FIELDS = (*METADATA, "tldr", *PARTS, "tags")
LONG_PARTS = ("outline", "transcript")  # written by talk_parts.write()
LABELS = {
    "title": gettext_lazy("タイトル"),
    "video_date": gettext_lazy("動画の公開日"),
    "duration_seconds": gettext_lazy("動画の長さ"),
    "channel": gettext_lazy("チャンネル"),
    "tldr": gettext_lazy("要約（TL;DR）"),
    "takeaways": gettext_lazy("要点"),
    "questions": gettext_lazy("Q&A"),
    "outline": gettext_lazy("アウトライン"),
    "transcript": gettext_lazy("文字起こし"),
    "tags": gettext_lazy("タグ"),
}
EMOJI_TOO_LONG = gettext_lazy(
    "%(file)s: 要点の絵文字「%(emoji)s」が長すぎます（32文字までです）。"
)
# Messages whose values are themselves messages to translate.
TRANSLATED_VALUES = {msg.A_DATE, msg.A_LENGTH, msg.A_TEXT, msg.A_LIST}


def translate(template, params=None):
    message = gettext(template)
    if params:
        message %= {key: _value(value) for key, value in params.items()}
    return message


def _value(value):
    if isinstance(value, Problem):
        return translate(value.template, value.params_as_text(list_separator()))
    if isinstance(value, str) and value in TRANSLATED_VALUES:
        return gettext(value)
    if isinstance(value, tuple):
        return list_separator().join(value)
    return value


def describe(error):
    """A VideoError in the reader's language."""
    return translate(error.template, error.params)


def describe_warning(warning):
    text = translate(warning.problem.template, warning.problem.params)
    if warning.problem.line:
        values = {"file": warning.file, "line": warning.problem.line, "message": text}
        return gettext("%(file)s %(line)d行目: %(message)s") % values
    return gettext("%(file)s: %(message)s") % {"file": warning.file, "message": text}


def digest(rows):
    text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def transcript_digest(segments):
    return digest([[r.start_seconds, r.text] for r in segments])


def new_values(video, tags, last):
    """What the files give, field by field: {field: (stored form, raw)}; a
    field the files say nothing about is left out."""
    values = {
        "title": (video.title, video.title),
        "video_date": (video.video_date.isoformat(), video.video_date),
        "duration_seconds": (video.duration_seconds, video.duration_seconds),
        "channel": (video.channel, video.channel),
    }
    if video.has_summary:
        values["tldr"] = (digest(video.tldr), video.tldr)
        takeaways = [[t.emoji, t.text] for t in video.takeaways]
        values["takeaways"] = (digest(takeaways), video.takeaways)
        questions = [[q.text, q.answer] for q in video.questions]
        values["questions"] = (digest(questions), video.questions)
    if video.outline:
        rows = [[r.start_seconds, r.text] for r in video.outline]
        values["outline"] = (digest(rows), video.outline)
    if video.transcript_same and last.get("transcript"):
        # The caption file the last import read: its transcript, by digest.
        values["transcript"] = (last["transcript"], UNREAD)
    elif segments := transcript_of(video):
        values["transcript"] = (transcript_digest(segments), segments)
    if tags:
        values["tags"] = (digest(sorted(tag.key for tag in tags)), tags)
    return values


def current_values(talk):
    """What the talk holds, in the same stored forms: {field: (stored, empty)}."""
    rows = {
        "takeaways": [[t.emoji, t.text] for t in talk.takeaways.all()],
        "questions": [[q.text, q.answer] for q in talk.questions.all()],
        "outline": [[c.start_seconds, c.title] for c in talk.outline.all()],
        "transcript": [[s.start_seconds, s.text] for s in talk.transcript.all()],
    }
    keys = sorted(tag.key for tag in talk.tags.all())
    values = {
        "title": (talk.title, not talk.title),
        "video_date": (talk.video_date.isoformat(), False),
        "duration_seconds": (talk.duration_seconds, not talk.duration_seconds),
        "channel": (talk.channel.name, False),
        "tldr": (digest(talk.tldr), not talk.tldr),
        "tags": (digest(keys), not keys),
    }
    for name, part in rows.items():
        values[name] = (digest(part), not part)
    return values


@dataclass
class Plan:
    """What importing one video does: `action` is "created", "updated" or
    "unchanged"; `writes` the fields written, `kept` those an editor changed
    (left alone), `proposed_tags` the video's tags the site does not have."""

    video: object
    action: str
    talk: Talk | None = None
    writes: dict = field(default_factory=dict)  # field -> raw value
    stored: dict = field(default_factory=dict)  # field -> stored form, to keep
    kept: list = field(default_factory=list)
    tags: list = field(default_factory=list)  # the matched Tag rows
    proposed_tags: list = field(default_factory=list)
    slug: str = ""

    @property
    def written_labels(self):
        return [str(LABELS[name]) for name in FIELDS if name in self.writes]

    @property
    def kept_labels(self):
        return [str(LABELS[name]) for name in FIELDS if name in self.kept]


def previous_import(video_id):
    """What the last import of this video recorded (for read_video's
    `previous`), or None."""
    record = (
        VideoImport.objects.filter(talk__video_id=video_id)
        .values("imported", "caption_kind")
        .first()
    )
    if record is None:
        return None
    return {**record["imported"], "caption_kind": record["caption_kind"]}


def matched_tags(names):
    """The site's tags for `names` (by folded name), and the names it lacks."""
    keys = {fold(name): name for name in names}
    found = {tag.key: tag for tag in Tag.objects.filter(key__in=keys)}
    tags = [found[key] for key in keys if key in found]
    proposed = [name for key, name in keys.items() if key not in found]
    return tags, proposed


def check(video):
    for takeaway in video.takeaways:
        if len(takeaway.emoji) > Takeaway._meta.get_field("emoji").max_length:
            params = {"file": video.summary_file, "emoji": takeaway.emoji[:10]}
            raise VideoError(video.summary_file, str(EMOJI_TOO_LONG) % params)


def plan(video, update=False):
    """What `apply(video, update)` would do now (no writes)."""
    check(video)
    tags, proposed = matched_tags(video.tags)
    talk = (
        Talk.objects.filter(video_id=video.video_id)
        .select_related("channel")
        .prefetch_related("takeaways", "questions", "outline", "transcript", "tags")
        .first()
    )
    record = VideoImport.objects.filter(talk=talk).first() if talk else None
    last = record.imported if record else {}
    values = new_values(video, tags, last)
    if talk is None:
        return Plan(video, "created", None,
                    writes={name: raw for name, (_s, raw) in values.items()},
                    stored={name: stored for name, (stored, _r) in values.items()},
                    tags=tags, proposed_tags=proposed,
                    slug=new_slug(video))  # fmt: skip
    current = current_values(talk)
    result = Plan(video, "unchanged", talk, tags=tags, proposed_tags=proposed,
                  slug=talk.slug)  # fmt: skip
    for name, (stored, raw) in values.items():
        now, empty = current[name]
        if now == stored:
            result.stored[name] = stored
        elif empty or last.get(name) == now or update:
            result.writes[name] = raw
            result.stored[name] = stored
        else:
            result.kept.append(name)
            if name in last:
                result.stored[name] = last[name]
    if result.writes.get("transcript") is UNREAD:
        # To be written after all (empty, or --update): read the file now.
        segments = transcript_of(video)
        result.writes["transcript"] = segments
        result.stored["transcript"] = transcript_digest(segments)
    if result.writes:
        result.action = "updated"
    return result


@dataclass(frozen=True)
class Outcome:
    action: str  # "created", "updated" or "unchanged"
    talk: Talk
    plan: Plan


def apply(video, *, update=False, user=None, source=""):
    """Import one video, all or nothing; the Outcome."""
    comment = gettext("動画から取り込み: %(source)s") % {"source": source or video.file}
    with history.recording(comment, user, manually=True), transaction.atomic():
        # Imports of one video take turns (a second one waits, then finds it).
        locked = list(Talk.objects.select_for_update().filter(video_id=video.video_id))
        result = plan(video, update)
        if result.action == "unchanged":
            return Outcome("unchanged", locked[0], result)
        talk = write(result)
        history.record_written(talk)  # bulk writes send no signals: say it all
    return Outcome(result.action, talk, result)


def channel_for(video):
    channel, _created = Channel.objects.get_or_create(
        name=video.channel, defaults={"url": video.channel_url}
    )
    if video.channel_url and not channel.url:
        channel.url = video.channel_url
        channel.save(update_fields=["url"])
    return channel


def write(result):
    video, writes = result.video, result.writes
    talk = result.talk
    if talk is None:
        talk = Talk(
            title=video.title,
            channel=channel_for(video),
            video_date=video.video_date,
            duration_seconds=video.duration_seconds,
            video_url=video.url,
            tldr=writes.get("tldr", ""),
            slug=result.slug,  # planned in this transaction
            status=Talk.Status.DRAFT,
        )
    else:
        for name in ("title", "video_date", "duration_seconds", "tldr"):
            if name in writes:
                setattr(talk, name, writes[name])
        if "channel" in writes:
            talk.channel = channel_for(video)
    talk.save()  # announces the change; the parts below belong to it
    for name, (model, fields) in PARTS.items():
        if name not in writes or name in LONG_PARTS:
            continue
        if result.talk is not None:
            model.objects.filter(talk=talk).delete()
        model.objects.bulk_create(
            model(talk=talk, position=position, **fields(item))
            for position, item in enumerate(writes[name], start=1)
        )
    # The long lists go through the core's writer for them: its limits, and
    # no per-row signals (the history record below covers them).
    long_parts = {name: writes[name] for name in LONG_PARTS if name in writes}
    if long_parts:
        try:
            talk_parts.write(talk, **long_parts)
        except (talk_parts.PartError, limits.TooMany) as error:
            raise VideoError(video.caption_file or video.file, str(error)) from None
    if "tags" in writes:
        if result.talk is not None:
            talk.tagged_items.all().delete()
        TaggedTalk.objects.bulk_create(
            TaggedTalk(content_object=talk, tag=tag) for tag in writes["tags"]
        )
    remember(talk, result)
    return talk


def remember(talk, result):
    """Record what this import wrote (VideoImport), for the next run's
    three-way comparison. The admin also calls it when the write itself waits
    for approval: approved, the talk then holds what the record says; sent
    back, the fields the approver refused count as an editor's, kept."""
    video, writes = result.video, result.writes
    record = {
        "imported": {**result.stored, "caption_sha": video.caption_sha},
        "proposed_tags": result.proposed_tags,
        "source": video.file[-500:],
    }
    if "transcript" in writes or result.talk is None:
        record["caption_language"] = video.caption_language
        record["caption_kind"] = video.caption_kind
    VideoImport.objects.update_or_create(talk=talk, defaults=record)
