"""Japanese words from text: SudachiPy with its core dictionary, loaded once.

Sudachi cuts text at three granularities. Mode C gives the words a reader
sees (東京都, マイナンバーカード, 京都府); each splits into the shortest units
of mode A (東京|都, マイナンバー|カード, 京都|府). One pass in mode C gives
both: a word's A units come from the dictionary, so they are looked up once
per distinct word and cached with its normalised form (取組 -> 取り組み),
reading and part of speech. Per token the analyser then asks Sudachi for
one or three numbers only, which keeps the Python side cheap beside
Sudachi's own work.

The dictionary loads once per process, on first use, under a lock. A Sudachi
tokenizer must not be shared between threads, so each thread makes its own.
"""

import re
import threading
from typing import NamedTuple

from ...text import fold

__all__ = [
    "Token",
    "dictionary",
    "hiragana",
    "is_kana",
    "tokens",
    "unit_lines",
    "units",
]

# Sudachi refuses inputs over 49,149 bytes; lines longer than this many
# characters (at most 4 bytes each in UTF-8) are cut at sentence ends first.
MAX_CHARS = 12_000

# Part-of-speech kinds, from Sudachi's first two levels.
KINDS = {
    ("名詞", "数詞"): "number",
    ("名詞", "代名詞"): "pronoun",
    ("代名詞", "*"): "pronoun",
    ("名詞", "固有名詞"): "proper",
}
TOP_KINDS = {
    "名詞": "noun",
    "接頭辞": "prefix",
    "接尾辞": "suffix",
    "動詞": "verb",
    "形容詞": "adjective",
    "形状詞": "adjectival",
    "副詞": "adverb",
    "助詞": "particle",
    "助動詞": "auxiliary",
    "補助記号": "symbol",
    "記号": "symbol",
    "空白": "space",
}
NOUNS = frozenset({"noun", "proper"})
FUNCTION = frozenset({"particle", "auxiliary"})
BREAKS = frozenset({"symbol"})

_KATAKANA = "".join(map(chr, range(0x30A1, 0x30F7)))
_TO_HIRAGANA = str.maketrans(_KATAKANA, "".join(chr(ord(c) - 0x60) for c in _KATAKANA))
_KANA = re.compile(r"[\u3041-\u3096\u309d\u309e\u30fc]+")


def hiragana(text):
    """`ギョウセイ` -> `ぎょうせい`: readings compare in one kana form."""
    return text.translate(_TO_HIRAGANA)


def is_kana(text):
    """Whether text is hiragana only (after `hiragana()`), long-vowel mark allowed."""
    return _KANA.fullmatch(text) is not None


class Token(NamedTuple):
    """A word or unit of text, with where it stands in the text analysed.

    `folded` is the surface folded as search folds (NFKC + case); `normal` is
    Sudachi's normalised form folded the same way, so spelling variants share
    it; `reading` is in hiragana, or "" when Sudachi has no kana reading
    (symbols, numbers, Latin words it does not know). `kind` sorts the part
    of speech for the rules built on it (`noun`, `proper`, `suffix`,
    `particle`, ...; see KINDS); `pos` is Sudachi's own six levels. A mode C
    word made of several A units lists them in `parts`; a unit has none.
    """

    surface: str
    folded: str
    normal: str
    reading: str
    kind: str
    pos: tuple
    begin: int
    end: int
    parts: tuple = ()

    @property
    def units(self):
        """The shortest units of this word: its parts, or the word itself."""
        return self.parts or (self,)


class _Entry(NamedTuple):
    folded: str
    normal: str
    reading: str
    kind: str
    pos: tuple
    parts: tuple  # (length, _Entry) per A unit, or () when the word is one unit


_lock = threading.Lock()
_dictionary = None
_local = threading.local()
_entries = {}  # (word id, surface) -> _Entry, shared by all threads
MAX_ENTRIES = 500_000  # a bound for odd inputs; real text uses far fewer words


def dictionary():
    """The Sudachi dictionary, loaded on first use (about 0.1 s, memory-mapped)."""
    global _dictionary
    if _dictionary is None:
        with _lock:
            if _dictionary is None:
                from sudachipy import Dictionary

                _dictionary = Dictionary(dict="core")
    return _dictionary


def _tokenizer():
    tokenizer = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        from sudachipy import SplitMode

        tokenizer = _local.tokenizer = dictionary().tokenizer(mode=SplitMode.C)
    return tokenizer


def _kind(pos):
    return KINDS.get(pos[:2]) or TOP_KINDS.get(pos[0], "other")


def _entry(morpheme, surface):
    pos = tuple(morpheme.part_of_speech())
    reading = hiragana(morpheme.reading_form())
    parts = ()
    if not morpheme.is_oov():
        from sudachipy import SplitMode

        split = morpheme.split(SplitMode.A)
        if len(split) > 1 and sum(len(m.surface()) for m in split) == len(surface):
            parts = tuple((len(m.surface()), _entry(m, m.surface())) for m in split)
    return _Entry(
        fold(surface),
        fold(morpheme.normalized_form()),
        reading if is_kana(reading) else "",
        _kind(pos),
        pos,
        parts,
    )


def _pieces(text):
    """(offset, piece) for each line of text, long lines cut to Sudachi's limit."""
    offset = 0
    for line in text.splitlines(keepends=True):
        start = 0
        while len(line) - start > MAX_CHARS:
            window = line[start : start + MAX_CHARS]
            cut = max(window.rfind(mark) for mark in "。！？!?．.、，, ") + 1
            cut = cut if cut > MAX_CHARS // 2 else MAX_CHARS
            yield offset + start, window[:cut]
            start += cut
        yield offset + start, line[start:]
        offset += len(line)


def _analyse(text):
    """(begin, end, _Entry) for each mode C word of text, in order."""
    tokenize = _tokenizer().tokenize
    entries = _entries
    for offset, piece in _pieces(text):
        if not piece.strip():
            continue
        for morpheme in tokenize(piece):
            begin, end = morpheme.begin(), morpheme.end()
            surface = piece[begin:end]
            key = (morpheme.word_id(), surface)
            entry = entries.get(key)
            if entry is None:
                if len(entries) > MAX_ENTRIES:
                    entries.clear()
                entry = entries[key] = _entry(morpheme, surface)
            yield offset + begin, offset + end, entry


# The index needs only what the dictionary knows of a word, the same for every
# spelling Sudachi maps to it: (normal, reading, kind, folded surface) per A
# unit, by word id.
# Unknown words share ids, so they are looked up by their surface too.
_units = {}
_UNKNOWN = object()
# Index keys are letters and digits only (a backend stores them as tokens): a
# unit whose normal form or surface holds anything else is a break there,
# decided once per word here rather than once per key.
_WORDLIKE = re.compile(r"[^\W_]+")


def _index_unit(entry):
    kind = entry.kind
    if kind != "space" and not (
        _WORDLIKE.fullmatch(entry.normal) and _WORDLIKE.fullmatch(entry.folded)
    ):
        kind = "symbol"
    return (entry.normal, entry.reading, kind, entry.folded)


def _word_units(morpheme):
    word_id = morpheme.word_id()
    found = _units.get(word_id)
    if found is None:
        if len(_units) > MAX_ENTRIES:
            _units.clear()
        if morpheme.is_oov():
            found = _units[word_id] = _UNKNOWN
        else:
            entry = _entry(morpheme, morpheme.surface())
            found = _units[word_id] = tuple(
                _index_unit(unit)
                for unit in (part for _length, part in entry.parts or ((0, entry),))
            )
    if found is _UNKNOWN:
        key = (word_id, morpheme.surface())
        found = _units.get(key)
        if found is None:
            entry = _entry(morpheme, key[1])
            found = _units[key] = (_index_unit(entry),)
    return found


def unit_lines(text):
    """For each line of text, its A units as (normal, reading, kind, folded
    surface): the fast path for index keys, which need no offsets. A unit
    holding other than letters and digits has the kind `symbol` here."""
    tokenize = _tokenizer().tokenize
    known = _units.get
    for _offset, piece in _pieces(text):
        if piece.strip():
            line = []
            for morpheme in tokenize(piece):
                found = known(morpheme.word_id())
                if found is None or found is _UNKNOWN:
                    found = _word_units(morpheme)
                line += found
            yield line


def _token(text, begin, end, entry):
    parts = []
    if entry.parts:
        at = begin
        for length, part in entry.parts:
            parts.append(_token(text, at, at + length, part))
            at += length
    return Token(
        text[begin:end],
        entry.folded,
        entry.normal,
        entry.reading,
        entry.kind,
        entry.pos,
        begin,
        end,
        tuple(parts),
    )


def tokens(text):
    """The words of text (Sudachi mode C), each with its A units in `parts`.

    Offsets are character offsets into `text`; line breaks and spaces come
    back as tokens of kind `space`.
    """
    return [_token(text, *found) for found in _analyse(text)]


def units(text):
    """The shortest units of text (Sudachi mode A), from the same single pass."""
    return [unit for word in tokens(text) for unit in word.units]
