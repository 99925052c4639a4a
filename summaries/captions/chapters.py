"""A chapter list -> the talk's outline: `parse_chapters(data)`.

Two shapes: a WebVTT (or SRT) file of chapter cues, each cue's text a
chapter's title and its start the chapter's start; or the chapter lines of a
YouTube description (`0:00 はじめに`, `00:00 - はじめに`, `1:02:05 まとめ`,
`はじめに 0:00`), read the way YouTube reads them: every line that starts or
ends with a time is a chapter and every other line is ignored, the first
chapter must start at 0:00, and there must be at least three, in ascending
order. YouTube also hides chapter lists with a chapter shorter than 10 s;
that is a warning here.
"""

import math
import unicodedata

from ..summary_format import Problem, TimedData
from ..text import format_timecode, parse_timecode
from . import messages as msg
from .data import CaptionError, Chapters, fail
from .decoding import LINE_BREAK, decode
from .markup import clean
from .reading import WEBVTT, in_time_order, is_timing, read
from .vocabulary import CHAPTER_FIRST, CHAPTER_LAST, join_all

FEWEST_CHAPTERS = 3
SHORTEST_CHAPTER_SECONDS = 10


def parse_chapters(data, *, duration_seconds=None, encoding=None):
    """Chapters (TimedData(start, title, line), warnings, format) from a chapter
    file's bytes or pasted text; CaptionError (with the line) if unreadable."""
    text = decode(data, encoding)
    if is_cue_file(text):
        chapters = from_cues(text)
    else:
        chapters = from_description(text)
    if duration_seconds is not None:
        late = [c for c in chapters.chapters if c.start_seconds > duration_seconds]
        if late:
            params = {
                "count": len(late),
                "duration": format_timecode(duration_seconds),
                "time": format_timecode(late[0].start_seconds),
                "title": late[0].text,
            }
            problem = Problem(late[0].line, msg.CHAPTERS_AFTER_END, params)
            chapters = Chapters(
                chapters.chapters, (*chapters.warnings, problem), chapters.format
            )
    return chapters


def is_cue_file(text):
    """WebVTT, or SRT: a number or a time line first, a time line by line 2."""
    lines = [line for line in LINE_BREAK.split(text, maxsplit=50) if line.strip()]
    if WEBVTT.match(lines[0]):
        return True
    head = lines[:2]
    return any(is_timing(line) for line in head) and (
        is_timing(head[0]) or head[0].strip().isdigit()
    )


def from_cues(text):
    reading = read(text)
    warnings = list(reading.warnings)
    kind = reading.header.get("kind", "").casefold()
    if kind in ("captions", "subtitles"):
        line = reading.header_lines["kind"]
        warnings.append(Problem(line, msg.CAPTIONS_AS_CHAPTERS, {"kind": kind}))
    chapters = []
    for cue in in_time_order(reading.cues, warnings):
        title = join_all(clean(raw).text for _, raw in cue.texts)
        if not title:
            fail(cue.line, msg.CHAPTER_WITHOUT_TITLE, time=cue.start_text)
        chapters.append(TimedData(math.floor(cue.start), title, cue.line))
    return Chapters(tuple(chapters), tuple(warnings), reading.format)


def from_description(text):
    chapters = list(description_lines(text))
    if not chapters:
        fail(1, msg.NO_CHAPTERS)
    first = chapters[0]
    if first.start_seconds != 0:
        fail(first.line, msg.FIRST_NOT_ZERO, time=format_timecode(first.start_seconds))
    for before, chapter in zip(chapters, chapters[1:], strict=False):
        if chapter.start_seconds <= before.start_seconds:
            fail(chapter.line, msg.NOT_ASCENDING,
                 time=format_timecode(chapter.start_seconds),
                 previous=format_timecode(before.start_seconds))  # fmt: skip
    if len(chapters) < FEWEST_CHAPTERS:
        fail(chapters[-1].line, msg.TOO_FEW_CHAPTERS, count=len(chapters))
    short = [
        before
        for before, chapter in zip(chapters, chapters[1:], strict=False)
        if chapter.start_seconds - before.start_seconds < SHORTEST_CHAPTER_SECONDS
    ]
    warnings = ()
    if short:
        params = {
            "count": len(short),
            "time": format_timecode(short[0].start_seconds),
            "title": short[0].text,
        }
        warnings = (Problem(short[0].line, msg.SHORT_CHAPTERS, params),)
    return Chapters(tuple(chapters), warnings, "description")


def description_lines(text):
    """TimedData for each line that starts or ends with a time."""
    for number, line in enumerate(LINE_BREAK.split(text), start=1):
        match = CHAPTER_FIRST.fullmatch(line) or CHAPTER_LAST.fullmatch(line)
        if not match:
            continue
        found = match["time"]
        try:
            seconds = parse_timecode(unicodedata.normalize("NFKC", found))
        except ValueError:
            fail(number, msg.BAD_CHAPTER_TIME, found=found)
        title = match["title"].strip()
        if not title:
            fail(number, msg.CHAPTER_WITHOUT_TITLE, time=format_timecode(seconds))
        yield TimedData(seconds, title, number)


def looks_like_chapters(text):
    """True when `text` is a description chapter list YouTube would accept."""
    try:
        from_description(text)
    except CaptionError:
        return False
    return True
