"""yt-dlp's files -> one Video per video, with no database.

yt-dlp, run as

    yt-dlp --skip-download --write-info-json --write-subs --write-auto-subs \
           --sub-langs ja -o "%(id)s" URL

leaves `<name>.info.json` for each video (and one for the playlist or channel
itself), `<name>.<language>.vtt` (or .srt) beside it, and an editor may add
`<name>.summary.txt` in the summary text format. `read_video()` reads one
video's files into a `Video`; `videos_in()` walks a set of files.

Field names are yt-dlp's documented ones (README, "OUTPUT TEMPLATE"): `id`,
`title`, `channel`/`uploader`, `channel_url`/`uploader_url`, `upload_date`/
`release_date` (YYYYMMDD), `duration` (seconds), `description`, `tags`,
`chapters` (`start_time`, `title`), `subtitles` and `automatic_captions`
(language -> formats), `_type` ("video"; "playlist" for playlists and
channels).
"""

import datetime as dt
import hashlib
import json
import math
import re
from dataclasses import dataclass, field

from ..captions import CaptionError, parse_captions
from ..captions import messages as caption_messages
from ..captions.chapters import from_description
from ..summary_format import Problem, SummaryError, TimedData, decode, parse
from ..text import format_timecode
from . import messages as msg

INFO_SUFFIX = ".info.json"
SUMMARY_SUFFIX = ".summary.txt"
CAPTION_EXTENSIONS = ("vtt", "srt")
VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")
DATE = re.compile(r"[0-9]{8}")
# Lengths the talk's fields take (summaries.models): checked here so a file
# that does not fit fails with its name, before anything is written.
LIMITS = {"title": 300, "channel": 200, "channel_url": 200, "chapter": 300, "tag": 100}


class VideoError(ValueError):
    """A video cannot be imported: `file` and a message template with its values."""

    def __init__(self, file, template, **params):
        super().__init__(template % params if params else template)
        self.file = file
        self.template = template
        self.params = params


@dataclass(frozen=True)
class FileWarning:
    """Something the editor should know about a file that was imported anyway."""

    file: str
    problem: Problem  # line 0 when the file's line does not matter


@dataclass(frozen=True)
class Video:
    """One video as its files give it. Parts are summary_format's data."""

    file: str  # the info.json, as it was named
    video_id: str
    title: str
    channel: str
    channel_url: str
    video_date: dt.date
    duration_seconds: int
    description: str = ""
    tags: tuple = ()
    outline: tuple = ()  # TimedData
    outline_from: str = ""  # "chapters", "description" or ""
    transcript: tuple = ()  # TimedData
    caption_file: str = ""
    caption_language: str = ""
    caption_kind: str = ""  # "manual", "automatic" or "" (no captions)
    caption_sha: str = ""  # a digest of the caption file's bytes
    # True when the caption file is the one the last import read: `transcript`
    # is then left empty, and transcript_of() reads it when it is needed.
    transcript_same: bool = False
    read: object = field(default=None, compare=False, repr=False)
    summary_file: str = ""
    tldr: str | None = None  # None: no summary file
    takeaways: tuple = ()
    questions: tuple = ()
    warnings: tuple = field(default=(), compare=False)

    @property
    def url(self):
        return f"https://www.youtube.com/watch?v={self.video_id}"

    @property
    def has_summary(self):
        return self.tldr is not None


def is_info_file(name):
    return name.endswith(INFO_SUFFIX)


def stem(name):
    return name[: -len(INFO_SUFFIX)]


def read_video(info_name, siblings, read, known_tags=(), previous=None):
    """The Video of `info_name`, or None for a playlist's or channel's file.

    `siblings`: the names of the files beside it (in the same folder);
    `read(name)`: a file's bytes. `previous(video_id)`: what the last import
    of that video recorded (or None); a caption file it already read is not
    read again. Raises VideoError naming the file at fault.
    """
    info = load_info(info_name, read(info_name))
    if info.get("_type", "video") != "video":
        return None  # a playlist or channel: not a talk, not a failure
    warnings = []
    video_id = text_field(info_name, info, "id")
    if not VIDEO_ID.fullmatch(video_id):
        raise VideoError(info_name, msg.BAD_ID, value=video_id[:40])
    title = text_field(info_name, info, "title").strip()
    channel = (
        text_field(info_name, info, "channel", required=False)
        or text_field(info_name, info, "uploader")
    ).strip()
    channel_url = (
        text_field(info_name, info, "channel_url", required=False)
        or text_field(info_name, info, "uploader_url", required=False)
    ).strip()
    if not channel_url.startswith(("https://", "http://")):
        channel_url = ""
    for name, value in (("title", title), ("channel", channel),
                        ("channel_url", channel_url)):  # fmt: skip
        limit(info_name, name, value, LIMITS[name])
    if not title:
        raise VideoError(info_name, msg.MISSING, field="title")
    video_date = date_field(info_name, info)
    duration = duration_field(info_name, info)
    description = text_field(info_name, info, "description", required=False)
    tags = tags_field(info_name, info)
    outline, outline_from = chapters(info_name, info, description, duration, warnings)
    base = stem(info_name)
    captions = caption_track(base, siblings, info)
    transcript, kind, language, caption_file, caption_sha = (), "", "", "", ""
    transcript_same = False
    if captions:
        caption_file, language, kind = captions
        data = read(caption_file)
        caption_sha = hashlib.sha256(data).hexdigest()[:32]
        last = previous(video_id) if previous else None
        if last and last.get("caption_sha") == caption_sha and last.get("transcript"):
            # The very file the last import read: its transcript is known (by
            # its digest); importing.plan() reads it only if it must write it.
            transcript_same = True
            kind = kind or last.get("caption_kind", "")
        else:
            transcript = read_captions(caption_file, data, duration, warnings)
            if kind == "":
                kind = "automatic" if transcript.auto_generated else "manual"
            transcript = transcript.segments
    else:
        warnings.append(FileWarning(info_name, Problem(0, msg.NO_CAPTIONS)))
    summary = {}
    summary_file = base + SUMMARY_SUFFIX
    if summary_file in siblings:
        summary = read_summary(summary_file, read(summary_file), known_tags)
    return Video(
        file=info_name,
        video_id=video_id,
        title=title,
        channel=channel,
        channel_url=channel_url,
        video_date=video_date,
        duration_seconds=duration,
        description=description,
        tags=tags,
        outline=outline,
        outline_from=outline_from,
        transcript=transcript,
        caption_file=caption_file,
        caption_language=language,
        caption_kind=kind,
        caption_sha=caption_sha,
        transcript_same=transcript_same,
        read=read if transcript_same else None,
        warnings=tuple(warnings),
        **summary,
    )


def load_info(name, data):
    try:
        text = bytes(data).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise VideoError(name, msg.NOT_UTF8) from None
    try:
        info = json.loads(text)
    except json.JSONDecodeError as error:
        raise VideoError(name, msg.NOT_JSON, line=error.lineno, column=error.colno,
                         reason=error.msg) from None  # fmt: skip
    if not isinstance(info, dict):
        raise VideoError(name, msg.NOT_AN_OBJECT)
    return info


def text_field(name, info, key, required=True):
    value = info.get(key)
    if value is None or value == "":
        if required:
            raise VideoError(name, msg.MISSING, field=key)
        return ""
    if not isinstance(value, str):
        raise VideoError(name, msg.BAD_VALUE, field=key, value=shown(value),
                         expected=msg.A_TEXT)  # fmt: skip
    return value


def shown(value):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:40] + "…"


def limit(name, key, value, size):
    if len(value) > size:
        raise VideoError(name, msg.TOO_LONG, field=key, length=len(value), limit=size)


def date_field(name, info):
    for key in ("upload_date", "release_date"):
        value = info.get(key)
        if value in (None, ""):
            continue
        value = str(value)
        try:
            if not DATE.fullmatch(value):
                raise ValueError
            return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
        except ValueError:
            raise VideoError(name, msg.BAD_VALUE, field=key, value=shown(value),
                             expected=msg.A_DATE) from None  # fmt: skip
    raise VideoError(name, msg.MISSING, field="upload_date")


def duration_field(name, info):
    value = info.get("duration")
    if value is None:
        raise VideoError(name, msg.MISSING, field="duration")
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not 0 <= value < 2**31
    ):
        raise VideoError(name, msg.BAD_VALUE, field="duration", value=shown(value),
                         expected=msg.A_LENGTH)  # fmt: skip
    return round(value)


def tags_field(name, info):
    value = info.get("tags") or []
    if not isinstance(value, list):
        raise VideoError(name, msg.BAD_VALUE, field="tags", value=shown(value),
                         expected=msg.A_LIST)  # fmt: skip
    tags, seen = [], set()
    for tag in value:
        if not isinstance(tag, str) or not tag.strip():
            continue
        tag = tag.strip().lstrip("#").strip()
        if tag and tag.casefold() not in seen and len(tag) <= LIMITS["tag"]:
            seen.add(tag.casefold())
            tags.append(tag)
    return tuple(tags)


def chapters(name, info, description, duration, warnings):
    """The outline: yt-dlp's `chapters`, else the description's chapter lines."""
    listed = info.get("chapters")
    if isinstance(listed, list) and listed:
        outline = []
        for number, chapter in enumerate(listed, start=1):
            if not isinstance(chapter, dict):
                continue
            title = str(chapter.get("title") or "").strip()
            start = chapter.get("start_time")
            if (
                isinstance(start, bool)
                or not isinstance(start, int | float)
                or not math.isfinite(start)
                or not 0 <= start < 2**31
            ):
                raise VideoError(name, msg.BAD_CHAPTER, number=number,
                                 title=title[:30], value=shown(start))  # fmt: skip
            if not title:
                continue
            limit(name, "chapters.title", title, LIMITS["chapter"])
            outline.append(TimedData(math.floor(start), title))
        late = [c for c in outline if c.start_seconds > duration]
        if late:
            params = {"count": len(late), "duration": format_timecode(duration)}
            warnings.append(FileWarning(name, Problem(0, msg.CHAPTERS_LATE, params)))
        if outline:
            return tuple(outline), "chapters"
    if description.strip():
        try:
            found = from_description(description)
        except CaptionError as error:
            if error.problem.template != caption_messages.NO_CHAPTERS:
                params = {"line": error.problem.line, "message": error.problem}
                warnings.append(
                    FileWarning(name, Problem(0, msg.DESCRIPTION_CHAPTERS, params))
                )
            return (), ""
        for chapter in found.chapters:
            limit(name, "description", chapter.text, LIMITS["chapter"])
        return tuple(TimedData(c.start_seconds, c.text) for c in found.chapters), (
            "description"
        )
    return (), ""


def caption_track(base, siblings, info):
    """(file, language, kind) of the caption file to use, or None.

    Japanese first, then any language; for each, a track the uploader wrote
    (`subtitles`) before YouTube's automatic one (`automatic_captions`). The
    kind is "" when the JSON lists the language under neither: then the file's
    own shape decides (rolling cues are automatic)."""
    manual = info.get("subtitles") if isinstance(info.get("subtitles"), dict) else {}
    automatic = info.get("automatic_captions")
    automatic = automatic if isinstance(automatic, dict) else {}
    found = []
    prefix = base + "."
    for name in siblings:
        if not name.startswith(prefix):
            continue
        rest = name[len(prefix) :]
        language, _dot, extension = rest.rpartition(".")
        if extension.lower() not in CAPTION_EXTENSIONS or not language:
            continue
        if "." in language or language in ("info", "summary", "live_chat"):
            continue
        if language in manual:
            kind = "manual"
        elif language in automatic:
            kind = "automatic"
        else:
            kind = ""
        japanese = language == "ja" or language.startswith("ja-")
        rank = (
            not japanese,
            kind != "manual",
            language != "ja",  # ja before ja-JP, ja-orig
            extension.lower() != "vtt",
            language,
        )
        found.append((rank, name, language, kind))
    if not found:
        return None
    _rank, name, language, kind = min(found)
    return name, language, kind


def transcript_of(video):
    """The video's transcript segments, reading the caption file if it was
    skipped (Video.transcript_same)."""
    if not video.transcript_same:
        return video.transcript
    data = video.read(video.caption_file)
    return read_captions(video.caption_file, data, video.duration_seconds, []).segments


def read_captions(name, data, duration, warnings):
    try:
        captions = parse_captions(data, duration_seconds=duration)
    except CaptionError as error:
        raise_in_file(name, error.problem)
    warnings.extend(FileWarning(name, problem) for problem in captions.warnings)
    return captions


def read_summary(name, data, known_tags):
    """TL;DR, takeaways and Q&A of a summary text file."""
    try:
        parsed = parse(decode(data), known_tags)
    except SummaryError as error:
        raise_in_file(name, error.problem)
    talk = parsed.talk
    return {
        "tldr": talk.tldr,
        "takeaways": talk.takeaways,
        "questions": talk.questions,
        "summary_file": name,
    }


def raise_in_file(name, problem):
    raise VideoError(name, msg.IN_FILE, name=name, line=problem.line,
                     message=problem) from None  # fmt: skip
