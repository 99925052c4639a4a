"""render(TalkData) -> text: the summary text format, as the seed page lays it out.

Sections without content are left out (nothing is ever "locked" here), so
parse(render(talk)) == talk for any talk the format can hold.
"""

import re
from dataclasses import fields, is_dataclass, replace

from ..text import format_timecode
from .layout import (
    HIGHLIGHTS,
    KEYWORDS,
    MONTHS,
    OUTLINES,
    QA,
    RATING,
    SUMMARY,
    TAGS,
    TAKEAWAYS,
    TRANSCRIPTS,
)


def render(talk):
    """The talk as summary text, UTF-8 ready, ending with a line break."""
    month = MONTHS[talk.video_date.month - 1][:3].capitalize()
    header = [talk.title, "", talk.channel]
    header.append(
        f"{talk.video_date.day} {month} {talk.video_date.year:04d}"
        f"{format_timecode(talk.duration_seconds)}"
    )
    if talk.video_url:
        header.append(talk.video_url)
    blocks = ["\n".join(header), SUMMARY, f"TLDR{talk.tldr}"]
    sections = [
        (
            TAKEAWAYS,
            [
                f"  • {t.emoji} {t.text}" if t.emoji else f"  • {t.text}"
                for t in talk.takeaways
            ],
        ),
        (
            QA,
            [
                line
                for q in talk.questions
                for line in (f"  • {q.text}", f"    -{q.answer}")
            ],
        ),
        (OUTLINES, [f"  {timecode(r.start_seconds)} {r.text}" for r in talk.outline]),
        (KEYWORDS, [f"  • {k.text}" for k in talk.keywords]),
        (
            HIGHLIGHTS,
            [f"  {timecode(r.start_seconds)} {r.text}" for r in talk.highlights],
        ),
        (
            TRANSCRIPTS,
            [f"  {timecode(r.start_seconds)} {r.text}" for r in talk.transcript],
        ),
    ]
    for heading, lines in sections:
        if lines:
            blocks += [heading, *lines]
    if talk.source_rating is not None:
        votes = talk.source_rating_count
        figure = f"{talk.source_rating:.1f} / 5"
        blocks += [RATING, figure if votes is None else f"{figure} ({votes} votes)"]
    if talk.tags:
        line = "、".join(talk.tags)
        if len(talk.tags) == 1:
            # A tag alone: the 、 says "these are tags", not a run to cut into
            # known tags ("Open Data", "Q&A", or one the site does not know).
            line += "、"
        blocks.append(f"{TAGS}\n{line}")
    return "\n\n".join(blocks) + "\n"


def timecode(seconds):
    """A row's start as the source prints it: 02:15, 1:02:05."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def one_line(talk):
    """The talk with line breaks inside its texts made spaces (the format holds
    one line per item), and where that happened: (TalkData, [(field, n)])."""
    changed = []

    def flat(value, where):
        if isinstance(value, str) and ("\n" in value or "\r" in value):
            changed.append(where)
            parts = re.split(r"\r\n|\r|\n", value)
            return " ".join(part.strip() for part in parts if part.strip())
        return value

    values = {}
    for f in fields(talk):
        value = getattr(talk, f.name)
        if isinstance(value, tuple) and value and is_dataclass(value[0]):
            value = tuple(
                replace(item, **{g.name: flat(getattr(item, g.name), (f.name, n))
                                 for g in fields(item) if g.name != "line"})
                for n, item in enumerate(value, start=1)
            )  # fmt: skip
        elif isinstance(value, tuple):
            value = tuple(flat(item, (f.name, n)) for n, item in enumerate(value, 1))
        else:
            value = flat(value, (f.name, None))
        values[f.name] = value
    return replace(talk, **values), list(dict.fromkeys(changed))


def differences(a, b):
    """Where two talks differ: [(field, n)], n counting items from 1, or None."""
    found = []
    for f in fields(a):
        if not f.compare:
            continue
        x, y = getattr(a, f.name), getattr(b, f.name)
        if isinstance(x, tuple) and isinstance(y, tuple):
            found += [
                (f.name, n)
                for n in range(1, max(len(x), len(y)) + 1)
                if x[n - 1 : n] != y[n - 1 : n]
            ]
        elif x != y:
            found.append((f.name, None))
    return found
