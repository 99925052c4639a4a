"""What a summary file holds, and what can go wrong reading it.

Plain values, no Django: the parser and the renderer trade in these, the
importer turns them into rows. Every item remembers the line it came from
(`line`, left out of comparisons) so later checks can point at the file.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


def gettext_noop(message):
    """Marks a message for translation (makemessages finds it by this name);
    the Django side translates it when it is shown, so this module stays pure."""
    return message


@dataclass(frozen=True)
class Problem:
    """An error or a warning: where (line, from 1) and what, in plain words."""

    line: int
    template: str
    params: dict = field(default_factory=dict, hash=False)

    @property
    def message(self):
        """In the source language; the site shows `importer.describe(problem)`."""
        if not self.params:
            return self.template
        return self.template % self.params_as_text("、")

    def params_as_text(self, separator):
        """The params, a tuple (a list of names) joined with `separator`."""
        return {
            key: separator.join(value) if isinstance(value, tuple) else value
            for key, value in self.params.items()
        }

    def __str__(self):
        return f"{self.line}行目: {self.message}"


def fail(line, template, **params):
    """Stop reading: SummaryError at `line`, saying `template` % `params`."""
    raise SummaryError(Problem(line, template, params))


class SummaryError(ValueError):
    """The file cannot be imported; `problem` says where and why."""

    def __init__(self, problem):
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class TakeawayData:
    emoji: str
    text: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class QuestionData:
    text: str
    answer: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class TimedData:
    """An outline chapter, a highlight or a transcript segment."""

    start_seconds: int
    text: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class KeywordData:
    text: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class TalkData:
    """One talk as the summary text gives it: every field and part, in order."""

    title: str
    channel: str
    video_date: dt.date
    duration_seconds: int
    tldr: str
    takeaways: tuple[TakeawayData, ...]
    questions: tuple[QuestionData, ...] = ()
    outline: tuple[TimedData, ...] = ()
    keywords: tuple[KeywordData, ...] = ()
    highlights: tuple[TimedData, ...] = ()
    transcript: tuple[TimedData, ...] = ()
    tags: tuple[str, ...] = ()
    video_url: str = ""
    # The source page's own "X / 5 (N votes)": never our readers' rating.
    source_rating: Decimal | None = None
    source_rating_count: int | None = None
    # Where each header field was read: {"title": 1, "channel": 3, ...}.
    lines: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Parsed:
    talk: TalkData
    warnings: tuple[Problem, ...] = ()
