"""What reading captions gives, and how it fails.

Plain values, no Django. Problems are summary_format's `Problem` (a line and a
message template with its values), so `importer.describe(problem)` shows a
caption problem in the reader's language exactly as it shows a summary's.
"""

from dataclasses import dataclass

from ..summary_format import Problem, TimedData


class CaptionError(ValueError):
    """The file cannot become a transcript or an outline; `problem` says where
    (the file's line, from 1) and why."""

    def __init__(self, problem):
        super().__init__(str(problem))
        self.problem = problem


def fail(line, template, **params):
    """Stop reading: CaptionError at `line`, saying `template` % `params`."""
    raise CaptionError(Problem(line, template, params))


def shortened(text, limit=40):
    """A line quoted in a message: trimmed, and cut when it is long."""
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "…"


@dataclass(frozen=True)
class Captions:
    """A caption file read as a transcript, with what a preview shows.

    `segments` plug into TalkData.transcript; each one's `line` is the file line
    of the cue it starts with. `format` is "webvtt" or "srt" (from the content),
    `auto_generated` is true for YouTube's rolling auto captions, `cue_count`
    counts the cues read and `end_seconds` is where the last one ends.
    """

    segments: tuple[TimedData, ...]
    warnings: tuple[Problem, ...] = ()
    format: str = "webvtt"
    cue_count: int = 0
    auto_generated: bool = False
    language: str = ""
    end_seconds: int = 0

    @property
    def segment_count(self):
        return len(self.segments)

    @property
    def first(self):
        return self.segments[0] if self.segments else None

    @property
    def last(self):
        return self.segments[-1] if self.segments else None


@dataclass(frozen=True)
class Chapters:
    """A chapter list read as a talk's outline: TimedData(start, title, line).

    `format` is "webvtt" or "srt" for a file of chapter cues, "description"
    for `0:00 はじめに` lines copied from a video's description.
    """

    chapters: tuple[TimedData, ...]
    warnings: tuple[Problem, ...] = ()
    format: str = "description"
