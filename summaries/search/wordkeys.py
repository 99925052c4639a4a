"""Word keys in the index: what the bigrams cannot know, as index tokens.

`analysis.keys` says which words, readings and neighbouring pairs a text holds
(`n:東京都`, `r:ぎょうせい`, `p:デジタル|人材`). Here they become tokens both
backends store beside the bigrams, and a query's terms become the tokens to
look up. A token starts with a private-use character, which folded text never
holds (runs are letters and digits), so a key never meets a bigram:

- WORD + normal form, READING + reading: anywhere in the talk (matching);
- the same after a tier mark (TIER + n): in that field only (ranking);
- PAIR + left + JOIN + right: two words standing together (ranking).

Fields are analysed once per change, by `indexing`; the transcript is not (it
is the longest text by far and ranks last): bigrams alone find words there.
"""

import re
from dataclasses import dataclass

from .analysis import index_terms, query_keys

WORD, READING, PAIR, JOIN = "\ue001", "\ue002", "\ue003", "\ue004"
TIER = 0xE010  # chr(TIER + tier) + key: the key in that field

# Fields in rank order: a term found in an earlier one ranks higher. Tier 0 is
# everything else (outline, keywords, highlights, speakers, transcript).
TIERS = ("title", "tags", "tldr", "takeaways", "qa")

_PAYLOAD = re.compile(r"[^\W_]+")


def _token(key):
    """`n:東京` -> WORD + 東京; None for a key a token cannot hold."""
    kind, _sep, payload = key.partition(":")
    if kind == "p":
        left, _bar, right = payload.partition("|")
        if _PAYLOAD.fullmatch(left) and _PAYLOAD.fullmatch(right):
            return PAIR + left + JOIN + right
        return None
    if not _PAYLOAD.fullmatch(payload):
        return None
    return (WORD if kind == "n" else READING) + payload


def tier_token(token, tier):
    return chr(TIER + tier) + token


# The analyser writes the index's keys as tokens straight away.
MARKS = (WORD, READING, PAIR, JOIN)


def field_tokens(texts_by_tier, rest):
    """The key tokens of a talk: `texts_by_tier` maps a tier number (1 = title)
    to its texts; `rest` are the other analysed texts (tier 0)."""
    found = set()
    for tier, texts in texts_by_tier.items():
        tokens = set()
        for text in texts:
            if text:
                tokens |= index_terms(text, marks=MARKS)
        found |= tokens
        mark = chr(TIER + tier)
        found.update([mark + token for token in tokens if token[0] != PAIR])
    for text in rest:
        if text:
            found |= index_terms(text, marks=MARKS)
    return found


@dataclass(frozen=True)
class TermTokens:
    """One query term: the text the bigrams look for, and its key tokens."""

    text: str
    keys: tuple  # WORD and/or READING tokens


def term_tokens(texts):
    """TermTokens of each term of each text, and the PAIR tokens of neighbours."""
    terms, pairs = [], []
    for text in texts:
        found = query_keys(text)
        for term in found.terms:
            keys = tuple(
                token
                for token in (
                    _token(term.word) if term.word else None,
                    _token(term.reading) if term.reading else None,
                )
                if token
            )
            terms.append(TermTokens(term.text, keys))
        pairs += [token for token in map(_token, found.pairs) if token]
    return terms, pairs
