"""One line of cue text -> plain text: tags, entities and YouTube's word timings.

`<b>`, `<i>`, `<u>`, `<c.class>`, `<lang>`, `<font>` and SRT's `{\\an8}` go;
`<ruby>` keeps its base text and drops the reading in `<rt>` (字幕 with
じまく would otherwise read 字幕じまく); `<v Speaker>` and `<v.loud Speaker>`
give the line's speaker; entities (`&amp;`, `&lt;`, `&nbsp;`, `&lrm;`, numeric)
become their characters, and invisible direction marks and control
characters are dropped.

YouTube's auto captions time every word: `はい<00:00:01.500><c>皆さん</c>`. The
words are joined as Japanese is written (vocabulary.join), and the start of
the last word is kept: the cue's end says little there (cues follow each
other without a gap), so the reader estimates the silence after a line from
its last word.
"""

import html
import re
from typing import NamedTuple

from .vocabulary import join

WORD_TIME = re.compile(r"<((?:[0-9]+:)?[0-9]{2}:[0-9]{2}\.[0-9]{3})>")
VOICE = re.compile(r"<v(?:\.[^\s<>]*)?[ \t]+([^<>]*)>")
RUBY_TEXT = re.compile(r"<rt(?:\.[^\s>]*)?>.*?(?:</rt>|(?=</ruby>)|$)")
TAG = re.compile(r"</?[A-Za-z][^<>]*>")
OVERRIDE = re.compile(r"\{\\[^{}]*\}")
# Direction marks and other invisible characters, and control characters
# (a database refuses NUL): none of them is text a reader could see.
INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
SPACES = re.compile(r"[^\S\u3000]+")


class Line(NamedTuple):
    text: str
    voice: str | None = None  # the name in <v name>
    timed: bool = False  # holds YouTube word timings
    last_word_start: float | None = None
    last_word: str = ""


def clean(raw):
    """The plain text of one cue line, with its speaker and word timings."""
    voice = None
    if "<v" in raw:
        match = VOICE.search(raw)
        if match:
            voice = _plain(match[1]) or None
            raw = raw[: match.start()] + raw[match.end() :]
    if "<" not in raw or not WORD_TIME.search(raw):
        return Line(_plain(raw), voice)
    # Words joined before the rest is cleaned: only a space at a word's edge
    # needs the joining rule, most Japanese words just follow each other.
    words = WORD_TIME.split(_untagged(raw))
    text = words[0]
    for word in words[2::2]:
        if word[:1].isspace() or text[-1:].isspace():
            text = join(text, word)
        else:
            text += word
    last = len(words) - 1
    while last > 0 and not _plain(words[last]):
        last -= 2
    last_start = _seconds(words[last - 1]) if last > 0 else None
    return Line(_plain(text), voice, True, last_start, _plain(words[last]))


def _untagged(text):
    return TAG.sub("", RUBY_TEXT.sub("", text))


def _plain(text):
    if "<" in text:
        text = _untagged(text)
    if "{" in text:
        text = OVERRIDE.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    text = INVISIBLE.sub("", text)
    return SPACES.sub(" ", text).strip()


def _seconds(time):
    *hours, minutes, seconds = time.split(":")
    return int(hours[0] if hours else 0) * 3600 + int(minutes) * 60 + float(seconds)
