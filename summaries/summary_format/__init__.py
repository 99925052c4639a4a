"""The summary text format (docs/import-format.md): text <-> TalkData, no database.

parsed = parse(decode(data), known_tags=["DX", "東京都"])
parsed.talk, parsed.warnings        # or SummaryError(problem) with a line
render(parsed.talk)                 # the same text, laid out as the seed
"""

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
from .decoding import decode
from .items import is_emoji
from .layout import HEADINGS, heading_of
from .parsing import parse
from .rendering import differences, one_line, render
from .tags import KnownTags

__all__ = [
    "HEADINGS",
    "KeywordData",
    "KnownTags",
    "Parsed",
    "Problem",
    "QuestionData",
    "SummaryError",
    "TakeawayData",
    "TalkData",
    "TimedData",
    "decode",
    "differences",
    "heading_of",
    "is_emoji",
    "one_line",
    "parse",
    "render",
]
