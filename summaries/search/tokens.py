"""Folding, query terms and index tokens: the rules every backend shares.

A talk matches a query when every *term* of the query occurs in the talk's
folded text. A term is a run of letters and digits of the folded query
(spaces, full-width spaces and punctuation separate terms), so matching never
depends on word boundaries, which Japanese does not write.

The index stores overlapping character bigrams of the same runs: a term of two
or more characters occurs in a text exactly when its bigrams occur there one
after another within one run. Single-character terms have no bigram; they are
found by scanning the stored folded text.
"""

import re
import unicodedata
from operator import add

from ..text import fold

__all__ = ["MAX_QUERY_LENGTH", "bigrams", "fold", "runs", "split_terms"]

# Longer queries are refused with a message: nobody types more, and it bounds
# the work one request can ask of the database.
MAX_QUERY_LENGTH = 200

# Letters and digits (kana, kanji, Latin, ...): `\w` without the underscore.
_RUN = re.compile(r"[^\W_]+")

_GAPS = re.compile(r"[\W_]+")


def runs(folded):
    """The runs of letters and digits in already folded text."""
    return _RUN.findall(folded)


def bigrams(run):
    """`窓口業務` -> ['窓口', '口業', '業務']: overlapping pairs of characters."""
    return list(map(add, run, run[1:]))


def clean(text):
    """Text a reader typed, without control characters (NUL and friends)."""
    return "".join(
        ch if unicodedata.category(ch)[0] != "C" else " " for ch in text
    ).strip()


def split_terms(query):
    """The distinct terms of a query, longest first, each one a run of letters.

    A term contained in a longer one is dropped: whatever contains `東京都`
    contains `東京`, so the longer term alone gives the same results.
    """
    found = sorted(set(runs(fold(query))), key=lambda t: (-len(t), t))
    terms = []
    for term in found:
        if not any(term in longer for longer in terms):
            terms.append(term)
    return terms


def _pairs(folded):
    """Every pair of neighbouring characters once gaps between runs are a single
    space: the bigrams of each run, and between runs pairs holding a space."""
    spaced = _GAPS.sub(" ", folded)
    return map(add, spaced, spaced[1:])


def token_stream(folded):
    """The SQLite index's text for one column: the bigrams of each run in order.

    The pairs that straddle a gap ("a " and " b") are written too: the FTS5
    `ascii` tokenizer reads them as one-letter tokens that no query asks for,
    and their positions keep the last bigram of a run from standing next to
    the first of the following one, so a phrase never spans a gap.
    """
    return " ".join(_pairs(folded))


def lexemes(folded):
    """The PostgreSQL index's lexemes: each distinct bigram of a run, once."""
    return {pair for pair in set(_pairs(folded)) if " " not in pair}
