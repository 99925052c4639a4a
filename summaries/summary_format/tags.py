"""The 関連タグ line: tags with separators, or run together as the seed has them.

With 、 , ; (any width) on the line, only those separate, so a tag may hold a
space ("Open Data"), as in the admin's tag field (summaries.tagging). Without
them, spaces and # separate ("#DX #防災"). With no separator at all
("デジタル改革東京都DX") the line is cut into the tags the site already knows,
longest first; what no known tag covers is kept as one tag, with a warning.
"""

import re

from ..tagging import parse_tags
from ..text import fold
from .data import Problem, gettext_noop

LISTED = re.compile(r"[、，,;；､]")
SPACED = re.compile(r"[\s#＃]+")
HASHES = "#＃"
# Longer lines are not cut: no tag is that long, and the cut would be slow.
LONGEST_RUN = 1000

UNSPLIT = gettext_noop(
    "タグ「%(tag)s」は既存のタグで分けられなかったので、1つのタグとして取り込みます。"
    "複数のタグなら「、」で区切ってください。"
)
REPEATED = gettext_noop(
    "タグ「%(tag)s」は「%(first)s」と同じタグなので、1つにしました。"
)


class KnownTags:
    """The site's tag names, folded for matching (ＤＸ matches DX)."""

    def __init__(self, names=()):
        self.keys = set()
        self.longest = 0
        self.add(names)

    def add(self, names):
        for name in names:
            key = fold(name.strip())
            if key:
                self.keys.add(key)
                self.longest = max(self.longest, len(name.strip()))


def split_tag_line(text, line, known):
    """Tag names on one line, in order, with warnings: ([names], [Problem])."""
    text = text.strip()
    if LISTED.search(text):
        names = [name.lstrip(HASHES).strip() for name in parse_tags(text)]
        return [name for name in names if name], []
    if SPACED.search(text):
        return [name for name in SPACED.split(text) if name], []
    return _split_run(text, line, known)


def unique_tags(names, line):
    """Names with repeats (by folded key) removed, first spelling kept."""
    seen, kept, warnings = {}, [], []
    for name in names:
        key = fold(name)
        if key in seen:
            warnings.append(Problem(line, REPEATED, {"tag": name, "first": seen[key]}))
        else:
            seen[key] = name
            kept.append(name)
    return kept, warnings


def _split_run(text, line, known):
    if not known.keys or len(text) > LONGEST_RUN:
        return [text], [Problem(line, UNSPLIT, {"tag": text})]
    pieces = _best_cut(text, known)
    names, warnings, unknown_from = [], [], None
    for start, end, is_known in [*pieces, (len(text), len(text), True)]:
        if not is_known:
            unknown_from = start if unknown_from is None else unknown_from
            continue
        if unknown_from is not None:
            rest = text[unknown_from:start]
            names.append(rest)
            warnings.append(Problem(line, UNSPLIT, {"tag": rest}))
            unknown_from = None
        if end > start:
            names.append(text[start:end])
    return names, warnings


def _best_cut(text, known):
    """Pieces (start, end, known?) covering `text`: as few characters outside
    known tags as possible, then as few pieces (so longer tags win)."""
    n = len(text)
    window = 2 * known.longest + 1  # folding may shorten (ｶﾞ -> ガ)
    best = [None] * (n + 1)
    best[0] = (0, 0, None)
    for i in range(n):
        if best[i] is None:
            continue
        unknown, count, _ = best[i]
        steps = [(i + 1, (unknown + 1, count + 1, (i, False)))]
        for j in range(i + 1, min(n, i + window) + 1):
            if fold(text[i:j]) in known.keys:
                steps.append((j, (unknown, count + 1, (i, True))))
        for j, candidate in steps:
            if best[j] is None or candidate[:2] < best[j][:2]:
                best[j] = candidate
    pieces, j = [], n
    while j > 0:
        i, is_known = best[j][2]
        pieces.append((i, j, is_known))
        j = i
    return pieces[::-1]
