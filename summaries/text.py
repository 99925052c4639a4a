"""Text helpers shared by tags, search and slugs. Stored text is never changed."""

import unicodedata

from django.utils.text import slugify
from django.utils.translation import pgettext


def fold(text):
    """Fold text for comparison and search: NFKC (full/half width) and case."""
    return unicodedata.normalize("NFKC", text).casefold()


def unicode_slug(text, max_length=100):
    """A URL slug that keeps Japanese letters: `GovTech東京` -> `govtech東京`."""
    slug = slugify(unicodedata.normalize("NFKC", text), allow_unicode=True)
    return slug[:max_length].strip("-_")


def list_separator():
    """、 in Japanese, ", " in English: for lists in UI text (stored data and the
    summary text format keep their own separators)."""
    return pgettext("list separator", "、")


def join_list(items):
    """Items as one phrase in the reader's language: `A、B`, or `A, B`."""
    return list_separator().join(str(item) for item in items)


def quoted(text):
    """Text quoted the reader's way: 「…」 in Japanese, “…” in English."""
    return pgettext("quotation", "「%(text)s」") % {"text": text}


def format_timecode(seconds):
    """11:14 for 674 seconds, 1:02:05 for 3725: the form video sites print."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def iso_duration(seconds):
    """674 -> PT11M14S: the form of `<time datetime>` and of schema.org."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    parts = [
        f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (secs, "S")) if n
    ]
    return "PT" + ("".join(parts) or "0S")


def parse_timecode(value):
    """Seconds from `M:SS`, `MM:SS` or `H:MM:SS`; ValueError when it is not one."""
    parts = value.strip().split(":")
    if not 2 <= len(parts) <= 3 or not all(p.isascii() and p.isdigit() for p in parts):
        raise ValueError(f"not a time code: {value!r}")
    numbers = [int(p) for p in parts]
    if any(len(p) != 2 or int(p) >= 60 for p in parts[1:]):
        raise ValueError(f"minutes and seconds after a colon must be 00-59: {value!r}")
    seconds = 0
    for n in numbers:
        seconds = seconds * 60 + n
    return seconds
