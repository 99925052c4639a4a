"""The format's vocabulary: headings, marks and the shapes of its lines."""

import re
from typing import NamedTuple

from ..text import fold

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
