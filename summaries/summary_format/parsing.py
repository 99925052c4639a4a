"""parse(text) -> Parsed: the summary text format (CONTRACT.md), line by line.

Blank lines, Windows line ends, a byte-order mark and surrounding spaces
(full-width too) are ignored; the first thing that does not fit stops the
parse with a SummaryError naming its line. Stored text is kept exactly as
written: only headings, dates, time codes and ratings are read width-folded.
"""

import datetime as dt
import difflib
import re
import unicodedata
from decimal import Decimal
from typing import NamedTuple

from ..text import fold, format_timecode, parse_timecode
from . import messages as msg
from .data import (
    KeywordData,
    Parsed,
    Problem,
    QuestionData,
    SummaryError,
    TakeawayData,
    TalkData,
    TimedData,
)
from .tags import KnownTags, split_tag_line, unique_tags

SUMMARY, TAKEAWAYS, QA = "Summary", "Takeaways", "Q & A"
OUTLINES, MINDMAP, KEYWORDS = "Outlines", "Mindmap", "Keywords"
HIGHLIGHTS, TRANSCRIPTS = "Highlights", "Transcripts"
RATING, TAGS = "Rate This", "関連タグ"
HEADINGS = (
    SUMMARY,
    TAKEAWAYS,
    QA,
    OUTLINES,
    MINDMAP,
    KEYWORDS,
    HIGHLIGHTS,
    TRANSCRIPTS,
    RATING,
    TAGS,
)
OPTIONAL_LOCKED = {QA, OUTLINES, MINDMAP, KEYWORDS, HIGHLIGHTS, TRANSCRIPTS}
LOCK_START, LOCK_END = "plate", "今すぐアップグレード"
BULLETS = ("•", "・", "●", "*")
ANSWER_MARKS = ("-", "－")
MONTHS = (
    "january february march april may june july "
    "august september october november december"
).split()

DATE_LINE = re.compile(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})\s*(.*)", re.I | re.A)
TLDR_LINE = re.compile(r"TL;?DR(.*)", re.I | re.S)
TIMECODE = re.compile(r"([0-9０-９]{1,2}(?:[:：][0-9０-９]{2}){1,2})(?=\s|$)")
RATING_LINE = re.compile(
    r"(\d+(?:\.\d+)?)\s*/\s*5\s*(?:\(\s*(\d+)\s*votes?\s*\))?", re.I | re.A
)


class Line(NamedTuple):
    no: int
    text: str  # stripped
    indented: bool


def _key(text):
    return "".join(fold(text).split())


_HEADING_KEYS = {_key(heading): heading for heading in HEADINGS}


def heading_of(text):
    """The canonical heading a line spells ("Q&A" -> "Q & A"), or None."""
    return _HEADING_KEYS.get(_key(text))


def parse(text, known_tags=()):
    """Read one summary; `known_tags` (names or KnownTags) cut run-together tags."""
    known = known_tags if isinstance(known_tags, KnownTags) else KnownTags(known_tags)
    return _Parser(known).parse(text)


def _fail(line, template, **params):
    raise SummaryError(Problem(line, template, params))


def _lines(text):
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for no, raw in enumerate(text.split("\n"), start=1):
        if "\x00" in raw:
            _fail(no, msg.NUL)
        if raw.strip():
            lines.append(Line(no, raw.strip(), raw[0].isspace()))
    return lines, no


def _looks_like_date(line):
    return DATE_LINE.fullmatch(unicodedata.normalize("NFKC", line.text)) is not None


class _Parser:
    def __init__(self, known):
        self.known = known
        self.warnings = []
        self.lines = {}  # where header fields and the tags were read

    def warn(self, line, template, **params):
        self.warnings.append(Problem(line, template, params))

    def parse(self, text):
        lines, self.last_line = _lines(text)
        if not lines:
            _fail(1, msg.EMPTY)
        header, body_start = self.header(lines)
        sections = self.sections(lines[body_start:])
        talk = TalkData(**header, **self.body(sections))
        return Parsed(talk, tuple(self.warnings))

    def header(self, lines):
        """Title, channel and date line by position (a title may be anything);
        when the third line is no date, say what is missing."""
        if len(lines) < 3 or not _looks_like_date(lines[2]):
            for line in lines[:3]:
                if _looks_like_date(line):
                    _fail(line.no, msg.DATE_TOO_EARLY, found=line.text)
                if heading_of(line.text):
                    _fail(line.no, msg.HEADER_HEADING, heading=heading_of(line.text))
            if len(lines) < 3:
                _fail(lines[-1].no, msg.HEADER_SHORT)
        title, channel, date_line = lines[:3]
        self.lines.update(title=title.no, channel=channel.no, date=date_line.no)
        video_date, duration = self.date_and_length(date_line)
        fields = {
            "title": title.text,
            "channel": channel.text,
            "video_date": video_date,
            "duration_seconds": duration,
            "lines": self.lines,
        }
        body_start = 3
        if len(lines) > 3 and lines[3].text.startswith(("http://", "https://")):
            fields["video_url"] = lines[3].text
            self.lines["video_url"] = lines[3].no
            body_start = 4
        return fields, body_start

    def date_and_length(self, line):
        text = unicodedata.normalize("NFKC", line.text)
        match = DATE_LINE.fullmatch(text)
        if not match:
            _fail(line.no, msg.EXPECTED_DATE, found=line.text)
        day, month_name, year, length = match.groups()
        months = [
            n
            for n, name in enumerate(MONTHS, 1)
            if len(month_name) >= 3 and name.startswith(month_name.lower())
        ]
        if not months:
            _fail(line.no, msg.UNKNOWN_MONTH, month=month_name)
        try:
            video_date = dt.date(int(year), months[0], int(day))
        except ValueError:
            _fail(line.no, msg.IMPOSSIBLE_DATE, date=f"{day} {month_name} {year}")
        if not length.strip():
            _fail(line.no, msg.MISSING_DURATION)
        try:
            duration = parse_timecode(length)
        except ValueError:
            _fail(line.no, msg.BAD_DURATION, found=length.strip())
        self.duration = duration
        return video_date, duration

    def sections(self, lines):
        """{heading: (heading line, [lines under it])}, in the file's order."""
        sections, current = {}, None
        for line in lines:
            heading = heading_of(line.text)
            if heading:
                if heading in sections:
                    first = sections[heading][0].no
                    _fail(line.no, msg.DUPLICATE_SECTION, heading=heading, first=first)
                sections[heading] = current = (line, [])
            elif current is None:
                self.not_a_heading(line)
                _fail(line.no, msg.EXPECTED_SUMMARY, found=line.text)
            else:
                current[1].append(line)
        for heading, (line, items) in list(sections.items()):
            if heading not in (RATING, TAGS):  # never locked; "plate" may be a tag
                sections[heading] = (line, self.unlock(heading, line, items))
        return sections

    def not_a_heading(self, line):
        """Fails with "unknown heading" when `line` looks like one; else False."""
        text = line.text
        if line.indented or len(text) > 40 or text.startswith((*BULLETS, "-")):
            return False
        if TIMECODE.match(text) or text[-1] in "。．.？?！!、":
            return False
        known = "、".join(HEADINGS)
        guess = difflib.get_close_matches(text, HEADINGS, n=1, cutoff=0.6)
        if guess:
            _fail(line.no, msg.UNKNOWN_HEADING_GUESS, found=text, guess=guess[0],
                  known=known)  # fmt: skip
        _fail(line.no, msg.UNKNOWN_HEADING, found=text, known=known)

    def unlock(self, heading, heading_line, items):
        """A locked section (plate … 今すぐアップグレード) has no items."""
        if not items or fold(items[0].text) != LOCK_START:
            return items
        end = next((k for k, line in enumerate(items) if line.text == LOCK_END), None)
        if end is None:
            _fail(items[0].no, msg.UNFINISHED_LOCK)
        if end + 1 < len(items):
            _fail(items[end + 1].no, msg.AFTER_LOCK, found=items[end + 1].text)
        if heading not in OPTIONAL_LOCKED:
            _fail(heading_line.no, msg.LOCKED_REQUIRED, heading=heading)
        return []

    def line_after(self, sections, heading_before):
        """Where a missing section was expected: after `heading_before`'s items."""
        if heading_before in sections:
            line, items = sections[heading_before]
            return (items[-1] if items else line).no + 1
        return min((line.no for line, _ in sections.values()), default=self.last_line)

    def body(self, sections):
        """Each section read in the file's order (so the first problem in the
        file is the one reported), then the required ones checked."""
        readers = {
            SUMMARY: ("tldr", self.tldr),
            TAKEAWAYS: ("takeaways", self.takeaways),
            QA: ("questions", self.questions),
            OUTLINES: ("outline", self.timed),
            MINDMAP: (None, self.mindmap),
            KEYWORDS: ("keywords", self.keywords),
            HIGHLIGHTS: ("highlights", self.timed),
            TRANSCRIPTS: ("transcript", self.timed),
            RATING: (None, self.rating),
            TAGS: ("tags", self.tags),
        }
        body = {}
        for heading, (line, items) in sections.items():
            name, reader = readers[heading]
            value = reader(heading, line, items)
            if name:
                body[name] = value
            elif value:
                body.update(value)
        if SUMMARY not in sections:
            _fail(self.line_after(sections, None), msg.MISSING_SUMMARY)
        if TAKEAWAYS not in sections:
            _fail(self.line_after(sections, SUMMARY), msg.MISSING_TAKEAWAYS)
        return body

    def mindmap(self, heading, line, items):
        if items:
            self.warn(line.no, msg.MINDMAP_IGNORED, count=len(items))

    def tldr(self, heading, line, items):
        if not items:
            _fail(line.no + 1, msg.MISSING_TLDR)
        match = TLDR_LINE.fullmatch(items[0].text)
        if not match:
            self.not_a_heading(items[0])
            _fail(items[0].no, msg.EXPECTED_TLDR, found=items[0].text)
        if not match[1].strip():
            _fail(items[0].no, msg.EMPTY_TLDR)
        if len(items) > 1:
            self.not_a_heading(items[1])
            _fail(items[1].no, msg.EXTRA_TLDR, found=items[1].text)
        return match[1].strip()

    def bulleted(self, line, shape):
        """The text after a line's bullet; fails with `shape` if it has none."""
        if not line.text.startswith(BULLETS):
            self.not_a_heading(line)
            _fail(line.no, shape, found=line.text)
        return line.text[1:].strip()

    def takeaways(self, heading, line, items):
        if not items:
            _fail(line.no, msg.NO_TAKEAWAYS)
        takeaways = []
        for line in items:
            text = self.bulleted(line, msg.NOT_A_TAKEAWAY)
            first, *_ = text.split(maxsplit=1) or [""]
            emoji = first if is_emoji(first) else ""
            body = text[len(emoji) :].strip()
            if not body:
                _fail(line.no, msg.TAKEAWAY_WITHOUT_TEXT)
            takeaways.append(TakeawayData(emoji, body, line.no))
        return tuple(takeaways)

    def questions(self, heading, line, items):
        pairs, question = [], None
        for line in items:
            if line.text.startswith(ANSWER_MARKS):
                answer = line.text[1:].strip()
                if question is None:
                    _fail(line.no, msg.ANSWER_WITHOUT_QUESTION, answer=answer)
                if not answer:
                    _fail(line.no, msg.EMPTY_ANSWER)
                pairs.append(QuestionData(question.text, answer, question.no))
                question = None
                continue
            if question is not None:
                _fail(question.no, msg.QUESTION_WITHOUT_ANSWER, question=question.text)
            text = self.bulleted(line, msg.NOT_A_QUESTION)
            if not text:
                _fail(line.no, msg.EMPTY_QUESTION)
            question = Line(line.no, text, True)
        if question is not None:
            _fail(question.no, msg.QUESTION_WITHOUT_ANSWER, question=question.text)
        return tuple(pairs)

    def keywords(self, heading, line, items):
        keywords = []
        for line in items:
            text = self.bulleted(line, msg.NOT_A_KEYWORD)
            if not text:
                _fail(line.no, msg.EMPTY_KEYWORD)
            keywords.append(KeywordData(text, line.no))
        return tuple(keywords)

    def timed(self, heading, line, items):
        rows, previous = [], None
        for line in items:
            text = line.text
            if text.startswith(BULLETS):
                text = text[1:].strip()
            match = TIMECODE.match(text)
            if not match:
                self.not_a_heading(line)
                _fail(line.no, msg.NOT_TIMED, found=line.text, heading=heading)
            try:
                start = parse_timecode(unicodedata.normalize("NFKC", match[1]))
            except ValueError:
                _fail(line.no, msg.BAD_TIMECODE, found=match[1])
            body = text[match.end() :].strip()
            time = format_timecode(start)
            if not body:
                _fail(line.no, msg.TIMED_WITHOUT_TEXT, time=time)
            if start > self.duration:
                self.warn(line.no, msg.AFTER_END, time=time,
                          duration=format_timecode(self.duration))  # fmt: skip
            if previous is not None and start < previous:
                self.warn(line.no, msg.OUT_OF_ORDER, time=time,
                          previous=format_timecode(previous))  # fmt: skip
            previous = start
            rows.append(TimedData(start, body, line.no))
        return tuple(rows)

    def rating(self, heading, line, items):
        if not items:
            return {}
        line = items[0]
        if len(items) > 1:
            _fail(items[1].no, msg.EXTRA_RATING, found=items[1].text)
        match = RATING_LINE.fullmatch(unicodedata.normalize("NFKC", line.text))
        if not match:
            _fail(line.no, msg.BAD_RATING, found=line.text)
        rating, votes = Decimal(match[1]), match[2]
        if not 0 <= rating <= 5:
            _fail(line.no, msg.RATING_RANGE, rating=match[1])
        if rating != rating.quantize(Decimal("0.1")):
            _fail(line.no, msg.RATING_PRECISION, rating=match[1])
        if votes is not None and int(votes) == 0:
            self.warn(line.no, msg.NO_VOTES)
            return {}
        return {
            "source_rating": rating.quantize(Decimal("0.1")),
            "source_rating_count": None if votes is None else int(votes),
        }

    def tags(self, heading, line, items):
        if items:
            self.lines["tags"] = items[0].no
        names = []
        for line in items:
            found, warnings = split_tag_line(line.text, line.no, self.known)
            names += found
            self.warnings += warnings
        names, warnings = unique_tags(names, items[0].no if items else 0)
        self.warnings += warnings
        return tuple(names)


def is_emoji(token):
    """True for a takeaway's leading emoji: symbols, joiners, variation
    selectors, skin tones, keycaps; also pairs like 👨💼 that lost their joiner."""
    if not token:
        return False
    kinds = [unicodedata.category(ch) for ch in token]
    if not any(kind in {"So", "Me"} for kind in kinds):
        return False
    return all(
        kind in {"So", "Sk", "Mn", "Me", "Cf"} or ch in "#*0123456789"
        for ch, kind in zip(token, kinds, strict=True)
    )
