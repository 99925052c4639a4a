"""Caption text -> cues: WebVTT and SRT as people have them.

The format comes from the content: a first line `WEBVTT` is WebVTT, anything
else with `-->` time lines is read as SRT (a headerless WebVTT file reads the
same way). Both accept cue identifiers or numbers (even without the blank line
before them), times with or without hours and with `.` or `,` before the
milliseconds, cue settings after the end time, and overlapping cues. WebVTT's
NOTE, STYLE and REGION blocks and header lines (`Kind: captions`) are skipped;
a line holding only spaces belongs to its cue, as the WebVTT standard says
(YouTube relies on it), while SRT files treat it as a blank line.

Text without a time line after a cue is read as that cue's continuation (with
one warning); before the first cue it is an error, as is any time line that
cannot be read or a cue that ends before it starts.
"""

import re
from dataclasses import dataclass, field

from ..summary_format import Problem
from . import messages as msg
from .data import fail, shortened
from .decoding import LINE_BREAK

WEBVTT = re.compile(r"WEBVTT(?:[ \t]|$)")
SKIPPED_BLOCK = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t]|$)")
HEADER_LINE = re.compile(r"[A-Za-z][\w-]*:")
ARROW = "-->"
# A time line starts with a time (or, when the start is missing, the arrow);
# "<!-- x -->" in a web page or "A --> B" in a cue's text is no time line.
TIMING_START = re.compile(r"\s*(?:[0-9]|-->)")
# A time line with a mistyped arrow (->, →, =>), so it is reported, not skipped.
TIMING_LIKE = re.compile(r"\s*[0-9]+:[0-9]{2}[0-9:.,]*\s*(?:-+\s*>|→|=>)")
TIMING = re.compile(r"\s*(\S+?)\s*-->\s*(\S+)")
TIME = re.compile(r"(?:([0-9]+):)?([0-9]{1,2}):([0-9]{2})(?:[.,]([0-9]{1,3}))?")


@dataclass
class Cue:
    start: float
    end: float
    line: int  # the file line of its time line, from 1
    start_text: str  # the start as the file writes it, for messages
    texts: list = field(default_factory=list)  # [(line, text)]


@dataclass
class Reading:
    format: str  # "webvtt" or "srt"
    cues: list
    header: dict  # WebVTT header fields by lower-case name: {"kind": "captions"}
    header_lines: dict  # where each was: {"kind": 2}
    warnings: list


def is_timing(line):
    if ARROW in line:
        return TIMING_START.match(line) is not None
    return (">" in line or "→" in line) and TIMING_LIKE.match(line) is not None


def parse_time(text):
    """Seconds from `01:02:03.500`, `01:02.5`, `00:00:01,000`; None if not a time."""
    match = TIME.fullmatch(text)
    if not match:
        return None
    hours, minutes, seconds, fraction = match.groups()
    if int(minutes) >= 60 or int(seconds) >= 60:
        return None
    value = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return value + (int(fraction) / 10 ** len(fraction) if fraction else 0)


def read(text):
    """The cues of caption `text`, in the file's order; CaptionError if there
    are none or one is malformed."""
    lines = LINE_BREAK.split(text)
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    if first is None:
        fail(1, msg.EMPTY_FILE)
    header, header_lines = {}, {}
    if WEBVTT.match(lines[first].lstrip("\ufeff")):
        body = first + 1
        while body < len(lines) and lines[body] and not is_timing(lines[body]):
            name, colon, value = lines[body].partition(":")
            if colon:
                header[name.strip().casefold()] = value.strip()
                header_lines[name.strip().casefold()] = body + 1
            body += 1
        reader = _Reader(lines, webvtt=True)
    else:
        if not any(is_timing(line) for line in lines):
            fail(first + 1, msg.NOT_CAPTIONS)
        body = first
        reader = _Reader(lines, webvtt=False)
    reader.run(body)
    if not reader.cues:
        fail(first + 1, msg.NO_CUES)
    kind = "webvtt" if reader.webvtt else "srt"
    return Reading(kind, reader.cues, header, header_lines, reader.warnings)


class _Reader:
    def __init__(self, lines, webvtt):
        self.lines, self.webvtt = lines, webvtt
        self.timed = [is_timing(line) for line in lines]
        self.cues, self.warnings = [], []
        self.continued = []  # (line, text) read as a previous cue's continuation

    def is_blank(self, line):
        return line == "" if self.webvtt else not line.strip()

    def run(self, i):
        lines, timed, n = self.lines, self.timed, len(self.lines)
        while i < n:
            line = lines[i]
            if not line.strip():
                i += 1
            elif self.webvtt and SKIPPED_BLOCK.match(line):
                i += 1
                while i < n and lines[i].strip() and not timed[i]:
                    i += 1
            elif timed[i]:
                i = self.cue(i)
            elif i + 1 < n and timed[i + 1]:
                i = self.cue(i + 1)  # line i is the cue's identifier
            else:
                i = self.stray(i)
        if self.continued:
            line, text = self.continued[0]
            params = {"count": len(self.continued), "found": text}
            self.warnings.append(Problem(line, msg.CONTINUED, params))

    def cue(self, t):
        """Reads the cue whose time line is `t`; returns the line after it."""
        lines, timed, n = self.lines, self.timed, len(self.lines)
        start, end, start_text = self.times(t)
        cue = Cue(start, end, t + 1, start_text)
        j = t + 1
        while j < n and not timed[j] and not self.is_blank(lines[j]):
            if j + 1 < n and timed[j + 1] and lines[j].strip().isdigit():
                break  # the next cue's number, with no blank line before it
            cue.texts.append((j + 1, lines[j]))
            j += 1
        self.cues.append(cue)
        return j

    def times(self, t):
        line = self.lines[t]
        match = TIMING.match(line)
        if not match:
            fail(t + 1, msg.BAD_TIMING, found=shortened(line))
        start, end = parse_time(match[1]), parse_time(match[2])
        for value, text in ((start, match[1]), (end, match[2])):
            if value is None:
                fail(t + 1, msg.BAD_TIME, found=shortened(text))
        if end < start:
            fail(t + 1, msg.ENDS_BEFORE_START, start=match[1], end=match[2])
        return start, end, match[1]

    def stray(self, i):
        """Text with no time line: a cue's continuation, WebVTT header fields
        before the first cue, or (anywhere else) an error."""
        lines, timed, n = self.lines, self.timed, len(self.lines)
        j = i
        while j < n and lines[j].strip() and not timed[j]:
            j += 1
        if j < n and timed[j] and j - 1 > i:
            j -= 1  # the line just before a time line is that cue's identifier
        block = [(k + 1, lines[k]) for k in range(i, j)]
        if self.cues:
            self.cues[-1].texts += block
            self.continued.append((block[0][0], shortened(block[0][1])))
        elif not (self.webvtt and all(HEADER_LINE.match(t) for _, t in block)):
            fail(i + 1, msg.EXPECTED_CUE, found=shortened(lines[i]))
        return j


def in_time_order(cues, warnings):
    """The cues sorted by start (stable), with one warning if they were not."""
    late = [
        (cue, previous)
        for previous, cue in zip(cues, cues[1:], strict=False)
        if cue.start < previous.start
    ]
    if not late:
        return cues
    cue, previous = late[0]
    params = {
        "count": len(late),
        "time": cue.start_text,
        "previous": previous.start_text,
    }
    warnings.append(Problem(cue.line, msg.OUT_OF_ORDER, params))
    return sorted(cues, key=lambda cue: cue.start)
