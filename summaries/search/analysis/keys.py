"""What a search index stores for a text, and what a query looks up in it.

The bigram index (`tokens.py`) finds every query term wherever it occurs, even
inside a longer word. These keys add what bigrams cannot know, as plain
strings a backend can store as tokens or lexemes (none holds whitespace):

- `n:` + the normalised forms of one to `MAX_SPAN` consecutive A units,
  joined (`n:東京`, `n:都`, `n:東京都`, `n:取り組み`). A term whose own key is
  among a text's `n:` keys stands in that text as whole words, in any
  spelling Sudachi normalises alike: `取組` finds 取り組み, and `京都` is a
  word of 京都府 but not of 東京都 (東京|都 has no unit boundary before 京).
- `r:` + the readings of the same spans, in hiragana: a query written in kana
  finds the words that read so (`ぎょうせい` -> 行政, `でじたる` -> デジタル).
  Only spans of at least MIN_READING kana that end on a noun: shorter
  readings (かい, せい) are shared by too many unrelated words.
- `p:` + the normalised forms of two neighbouring content units, particles
  and auxiliaries between them skipped (`p:デジタル|人材` for デジタル人材
  and デジタルの人材): two query terms that stand together in a text.

Spans start and end on a content unit (not a particle or auxiliary), never
cross punctuation, and step over spaces. The query side (`query_keys`) makes
the same keys from each term of a query as a whole, so index and query agree
without the query having to be cut the way the text was.
"""

from dataclasses import dataclass
from itertools import pairwise

from ...text import fold
from ..tokens import runs
from .analyser import BREAKS, FUNCTION, hiragana, is_kana, unit_lines, units

__all__ = [
    "KEY_MARKS",
    "MAX_SPAN",
    "MIN_READING",
    "QueryKeys",
    "TermKeys",
    "index_terms",
    "query_keys",
]

MAX_SPAN = 4
MIN_READING = 3
# Reading spans end on a noun: kana queries name things (ぎょうせい, でじたる),
# and readings ending in verbs or adjectives would double the keys.
NAMING = frozenset({"noun", "proper", "suffix"})
# Units whose surface may differ from their normal form by inflection.
INFLECTED = frozenset({"verb", "adjective"})


# How each kind of key is written: the mark before a normal form, before a
# reading, before a pair, and between a pair's two words. The search index
# asks for its own marks (`wordkeys`) and gets its tokens with no rewriting.
KEY_MARKS = ("n:", "r:", "p:", "|")


def _line_keys(line, keys, max_span, marks):
    """Add the keys of one line's units, (normal, reading, kind, surface) each."""
    segment = []
    for unit in line:
        kind = unit[2]
        if kind in BREAKS:
            _segment_keys(segment, keys, max_span, marks)
            segment = []
        elif kind != "space":
            segment.append(unit)
    _segment_keys(segment, keys, max_span, marks)


def _segment_keys(segment, keys, max_span, marks):
    add = keys.add
    word, read, pair, join = marks
    previous = None
    for start, (normal, reading, kind, surface) in enumerate(segment):
        if kind in FUNCTION:
            continue
        if previous is not None:
            add(pair + previous + join + normal)
        previous = normal
        add(word + normal)
        inflected = kind in INFLECTED
        if inflected and surface != normal:
            add(word + surface)
        if kind in NAMING and len(reading) >= MIN_READING:
            add(read + reading)
        for more_normal, more_reading, more_kind, more_surface in segment[
            start + 1 : start + max_span
        ]:
            normal += more_normal
            surface += more_surface
            inflected = inflected or more_kind in INFLECTED
            # A span reads as kana only when each of its units does.
            reading = reading + more_reading if reading and more_reading else ""
            if more_kind not in FUNCTION:
                add(word + normal)
                # 取り組み read as the verbs 取る+組む: the noun 取組 (whose
                # normal form is 取り組み) finds it by the span as written.
                if inflected and surface != normal:
                    add(word + surface)
                if more_kind in NAMING and len(reading) >= MIN_READING:
                    add(read + reading)


def index_terms(text, max_span=MAX_SPAN, marks=KEY_MARKS):
    """The set of `n:`, `r:` and `p:` keys of one field's text (written with
    `marks` instead when given). Units holding other than letters and digits
    are breaks (`unit_lines`), so every key is letters and digits after its
    mark."""
    keys = set()
    for line in unit_lines(text):
        _line_keys(line, keys, max_span, marks)
    keys.discard(marks[0])
    return keys


@dataclass(frozen=True)
class TermKeys:
    """One term of a query (a run of letters, folded, as `tokens.runs` gives).

    `word`: its `n:` key, or "" when it cannot be one (more than MAX_SPAN
    units, a particle at either end, punctuation inside): then only the
    bigrams find it. `reading`: its `r:` key when the term is written in kana
    only, else "". `first` and `last`: the normalised forms of its first and
    last units, for the `p:` keys of neighbouring terms.
    """

    text: str
    word: str
    reading: str
    first: str
    last: str


@dataclass(frozen=True)
class QueryKeys:
    terms: tuple  # TermKeys, in the order typed, each term once
    pairs: tuple  # `p:` keys of neighbouring terms


def _term_keys(term, max_span):
    found = [unit for unit in units(term) if unit.kind != "space"]
    whole = (
        found
        and len(found) <= max_span
        and not any(unit.kind in BREAKS for unit in found)
        and found[0].kind not in FUNCTION
        and found[-1].kind not in FUNCTION
    )
    reading = hiragana(term)
    content = [unit.normal for unit in found if unit.kind not in FUNCTION]
    return TermKeys(
        text=term,
        word="n:" + "".join(unit.normal for unit in found) if whole else "",
        reading="r:" + reading
        if is_kana(reading) and len(reading) >= MIN_READING
        else "",
        first=content[0] if content else "",
        last=content[-1] if content else "",
    )


def query_keys(query, max_span=MAX_SPAN):
    """The keys of each term of `query`, and of each pair of neighbouring terms."""
    seen, terms = set(), []
    for term in runs(fold(query)):
        if term not in seen:
            seen.add(term)
            terms.append(_term_keys(term, max_span))
    pairs = tuple(
        f"p:{left.last}|{right.first}"
        for left, right in pairwise(terms)
        if left.last and right.first
    )
    return QueryKeys(tuple(terms), pairs)
