"""Matched words marked in the original text: `<mark>` around escaped pieces.

Matching happens on folded text; the marks must land on the text as written
(ＦＡＸ stays full-width, ｶﾞ stays half-width). Folding character clusters one
by one (a character and the marks that combine with it) gives, for each folded
character, the span of original text it came from.
"""

import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .tokens import fold

WIDTH = 120  # characters of original text around the first match
LEAD = 30  # of which before it


def _joins_previous(ch):
    # Combining marks, and the half-width (semi-)voiced sound marks ﾞ ﾟ that
    # NFKC turns into combining marks and composes with the kana before them.
    return unicodedata.combining(unicodedata.normalize("NFKC", ch)[:1] or " ") != 0


def fold_with_spans(text):
    """The folded text, and for each of its characters the (start, end) of the
    original characters it comes from (indexable by the folded position)."""
    if unicodedata.is_normalized("NFKC", text) and not any(
        map(unicodedata.combining, text)
    ):
        # NFKC leaves it as it is and no mark combines with a character:
        # casefold maps each character to one or more, so the same length
        # means one each.
        folded = text.casefold()
        if len(folded) == len(text):
            return folded, _ONE_EACH
    return fold_by_cluster(text)


class _OneEach:
    """Spans of a text folded character for character: `at` comes from `at`."""

    __slots__ = ()

    def __getitem__(self, at):
        return (at, at + 1)


_ONE_EACH = _OneEach()


def fold_by_cluster(text):
    """`fold_with_spans` the long way: a character and the marks that combine
    with it folded together, one cluster at a time."""
    folded, spans = [], []
    start = 0
    while start < len(text):
        end = start + 1
        while end < len(text) and _joins_previous(text[end]):
            end += 1
        piece = fold(text[start:end])
        folded.append(piece)
        spans.extend([(start, end)] * len(piece))
        start = end
    return "".join(folded), spans


def _marked_spans(text, terms):
    """Merged (start, end) spans of `text` where a term occurs."""
    folded, spans = fold_with_spans(text)
    found = []
    for term in terms:
        at = folded.find(term)
        while at != -1:
            found.append((spans[at][0], spans[at + len(term) - 1][1]))
            at = folded.find(term, at + 1)
    merged = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text, terms, start=0, end=None):
    """`text[start:end]`, escaped, with every term marked; `…` where it is cut."""
    end = len(text) if end is None else end
    pieces = ["…"] if start > 0 else []
    at = start
    for mark_start, mark_end in _marked_spans(text, terms):
        if mark_end <= start or mark_start >= end:
            continue
        mark_start, mark_end = max(mark_start, start), min(mark_end, end)
        pieces.append(escape(text[at:mark_start]))
        pieces.append(f"<mark>{escape(text[mark_start:mark_end])}</mark>")
        at = mark_end
    pieces.append(escape(text[at:end]))
    if end < len(text):
        pieces.append("…")
    # Every piece of content above went through escape().
    return mark_safe("".join(pieces))


def best_line(text, terms, folded=None):
    """The first line holding the most terms (by folded text), or None.
    `folded`: the text already folded line by line (SearchEntry.body for
    SearchEntry.text), so that no line is folded again."""
    lines = text.split("\n")
    folded_lines = folded.split("\n") if folded is not None else ()
    if len(folded_lines) != len(lines):  # not given, or not line for line
        folded_lines = map(fold, lines)
    elif not any(term in folded for term in terms):
        return None
    best, best_count = None, 0
    for line, folded_line in zip(lines, folded_lines, strict=True):
        count = sum(term in folded_line for term in terms)
        if count > best_count:
            best, best_count = line, count
            if count == len(terms):
                break
    return best


def snippet(text, terms, width=WIDTH, folded=None):
    """A short passage of `text` around the terms, marked; the opening lines
    when no line matches (the terms were in the title or tags). `folded`: as
    for `best_line`."""
    line = best_line(text, terms, folded)
    if line is None:
        line = text.split("\n", 1)[0]
        return highlight(line, terms, 0, min(len(line), width))
    if len(line) <= width:
        return highlight(line, terms)
    spans = _marked_spans(line, terms)
    first = spans[0][0] if spans else 0
    start = max(0, min(first - LEAD, len(line) - width))
    return highlight(line, terms, start, start + width)
