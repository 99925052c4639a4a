"""parse(text) -> Parsed: the summary text format (docs/import-format.md), by line.

Blank lines, Windows line ends, a byte-order mark and surrounding spaces
(full-width too) are ignored; the first thing that does not fit stops the
parse with a SummaryError naming its line. Stored text is kept exactly as
written: only headings, dates, time codes and ratings are read width-folded.
"""

import datetime as dt
import difflib
import unicodedata

from ..text import fold, parse_timecode
from . import messages as msg
from .data import Parsed, Problem, TalkData, fail
from .items import SectionReaders
from .layout import (
    BULLETS,
    DATE_LINE,
    HEADINGS,
    HIGHLIGHTS,
    KEYWORDS,
    LOCK_END,
    LOCK_START,
    MINDMAP,
    MONTHS,
    OPTIONAL_LOCKED,
    OUTLINES,
    QA,
    RATING,
    SUMMARY,
    TAGS,
    TAKEAWAYS,
    TIMECODE,
    TRANSCRIPTS,
    Line,
    heading_of,
)
from .tags import KnownTags


def parse(text, known_tags=()):
    """Read one summary; `known_tags` (names or KnownTags) cut run-together tags."""
    known = known_tags if isinstance(known_tags, KnownTags) else KnownTags(known_tags)
    return _Parser(known).parse(text)


def _lines(text):
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for no, raw in enumerate(text.split("\n"), start=1):
        if "\x00" in raw:
            fail(no, msg.NUL)
        if raw.strip():
            lines.append(Line(no, raw.strip(), raw[0].isspace()))
    return lines, no


def _looks_like_date(line):
    return DATE_LINE.fullmatch(unicodedata.normalize("NFKC", line.text)) is not None


class _Parser(SectionReaders):
    def __init__(self, known):
        self.known = known
        self.warnings = []
        self.lines = {}  # where header fields and the tags were read

    def warn(self, line, template, **params):
        self.warnings.append(Problem(line, template, params))

    def parse(self, text):
        lines, self.last_line = _lines(text)
        if not lines:
            fail(1, msg.EMPTY)
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
                    fail(line.no, msg.DATE_TOO_EARLY, found=line.text)
                if heading_of(line.text):
                    fail(line.no, msg.HEADER_HEADING, heading=heading_of(line.text))
            if len(lines) < 3:
                fail(lines[-1].no, msg.HEADER_SHORT)
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
            fail(line.no, msg.EXPECTED_DATE, found=line.text)
        day, month_name, year, length = match.groups()
        months = [
            n
            for n, name in enumerate(MONTHS, 1)
            if len(month_name) >= 3 and name.startswith(month_name.lower())
        ]
        if not months:
            fail(line.no, msg.UNKNOWN_MONTH, month=month_name)
        try:
            video_date = dt.date(int(year), months[0], int(day))
        except ValueError:
            fail(line.no, msg.IMPOSSIBLE_DATE, date=f"{day} {month_name} {year}")
        if not length.strip():
            fail(line.no, msg.MISSING_DURATION)
        try:
            duration = parse_timecode(length)
        except ValueError:
            fail(line.no, msg.BAD_DURATION, found=length.strip())
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
                    fail(line.no, msg.DUPLICATE_SECTION, heading=heading, first=first)
                sections[heading] = current = (line, [])
            elif current is None:
                self.not_a_heading(line)
                fail(line.no, msg.EXPECTED_SUMMARY, found=line.text)
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
        known = HEADINGS  # joined in the reader's language when shown
        guess = difflib.get_close_matches(text, HEADINGS, n=1, cutoff=0.6)
        if guess:
            fail(line.no, msg.UNKNOWN_HEADING_GUESS, found=text, guess=guess[0],
                  known=known)  # fmt: skip
        fail(line.no, msg.UNKNOWN_HEADING, found=text, known=known)

    def unlock(self, heading, heading_line, items):
        """A locked section (plate … 今すぐアップグレード) has no items."""
        if not items or fold(items[0].text) != LOCK_START:
            return items
        end = next((k for k, line in enumerate(items) if line.text == LOCK_END), None)
        if end is None:
            fail(items[0].no, msg.UNFINISHED_LOCK)
        if end + 1 < len(items):
            fail(items[end + 1].no, msg.AFTER_LOCK, found=items[end + 1].text)
        if heading not in OPTIONAL_LOCKED:
            fail(heading_line.no, msg.LOCKED_REQUIRED, heading=heading)
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
            fail(self.line_after(sections, None), msg.MISSING_SUMMARY)
        if TAKEAWAYS not in sections:
            fail(self.line_after(sections, SUMMARY), msg.MISSING_TAKEAWAYS)
        return body
