"""Japanese text analysis for search and suggestions, built on SudachiPy.

- `analyser`: words and units with folded surface, normalised form, reading
  (hiragana), part of speech and offsets: `tokens(text)`, `units(text)`.
- `keys`: what the index stores for a field (`index_terms`) and what a query
  looks up (`query_keys`): whole words in any spelling, readings, neighbours.
- `phrases`: noun phrases and compound nouns, sentences.

SudachiPy with sudachidict-core: readings and normalised forms (表記揺れ)
from a maintained dictionary, offline, in Rust (about 0.5 M characters a
second on one core here). Both are pinned exactly (see pyproject.toml):
a new dictionary cuts text differently, so upgrading means rebuilding the
index. The dictionary file (about 190 MB installed) is memory-mapped, so
processes on one machine share it.
"""

from .analyser import Token, dictionary, hiragana, is_kana, tokens, units
from .keys import (
    KEY_MARKS,
    MAX_SPAN,
    MIN_READING,
    QueryKeys,
    TermKeys,
    index_terms,
    query_keys,
)
from .phrases import Phrase, Sentence, compound_nouns, noun_phrases, sentences

__all__ = [
    "KEY_MARKS",
    "MAX_SPAN",
    "MIN_READING",
    "Phrase",
    "QueryKeys",
    "Sentence",
    "TermKeys",
    "Token",
    "compound_nouns",
    "dictionary",
    "hiragana",
    "index_terms",
    "is_kana",
    "noun_phrases",
    "query_keys",
    "sentences",
    "tokens",
    "units",
]
