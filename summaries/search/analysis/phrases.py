"""Noun phrases and sentences: the pieces suggestions are made of.

A compound noun is a run of neighbouring nouns (デジタル + 人材 -> デジタル人材),
perhaps opened by a prefix (新 + 制度) and closed by nominal suffixes
(デジタル + 化, デジタル + 庁). Numbers, pronouns, formal nouns (こと, ため)
and words without a letter (%) end a run: they are not subject matter.

Sentences end at 。！？ (and ! ? followed by a space), with any closing
brackets that follow, and at line breaks; an end inside 「…」 or （…） does
not end the sentence around it.
"""

import re
from typing import NamedTuple

from .analyser import NOUNS, tokens

__all__ = ["Phrase", "Sentence", "noun_phrases", "sentences"]

# Nouns that carry grammar rather than a subject (形式名詞 and their kin).
FORMAL_NOUNS = frozenset(
    "こと もの ため よう ところ とき ほう わけ はず つもり うち まま たび "
    "方 際 中 上 下 前 後 間 等 など 点 場合 他 ほか 以上 以下 以外 的".split()
)


# A word with no letter (%, ・) ends a phrase, like punctuation.
_LETTER = re.compile(r"[^\W\d_]")


class Phrase(NamedTuple):
    """A noun phrase: its text as written, the words (Tokens) it is made of,
    and its offsets in the text analysed."""

    text: str
    words: tuple
    begin: int
    end: int

    @property
    def units(self):
        return tuple(unit for word in self.words for unit in word.units)


def _joins(word, run):
    if word.normal in FORMAL_NOUNS or not _LETTER.search(word.surface):
        return False
    if word.kind in NOUNS:
        return True
    if word.kind == "prefix":
        return True  # dropped again below if nothing follows it
    return word.kind == "suffix" and bool(run)


def _close(text, run, found):
    while run and run[-1].kind == "prefix":
        run.pop()
    if run:
        found.append(
            Phrase(
                text[run[0].begin : run[-1].end], tuple(run), run[0].begin, run[-1].end
            )
        )


def noun_phrases(text, analysed=None):
    """The maximal runs of nouns in text, in order (single nouns included)."""
    found, run = [], []
    for word in analysed if analysed is not None else tokens(text):
        if _joins(word, run):
            if word.kind == "prefix" and run and run[-1].kind != "prefix":
                _close(text, run, found)
                run = []
            run.append(word)
        else:
            _close(text, run, found)
            run = []
    _close(text, run, found)
    return found


def compound_nouns(text, analysed=None):
    """The noun phrases of two words or more: デジタル人材, GovTech東京."""
    return [phrase for phrase in noun_phrases(text, analysed) if len(phrase.words) > 1]


class Sentence(NamedTuple):
    text: str
    begin: int
    end: int


_OPEN = "「『（(【〔［[〈《｛{"
_CLOSE = "」』）)】〕］]〉》｝}"
_ENDS = "。！？｡"
_LATIN_ENDS = "!?."


def _spans(line):
    """(begin, end) of each sentence in one line."""
    depth, start, i = 0, 0, 0
    while i < len(line):
        ch = line[i]
        i += 1
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0 and (
            ch in _ENDS
            or ch in _LATIN_ENDS
            and (i == len(line) or line[i].isspace())
            and not (ch == "." and i > 1 and line[i - 2].isdigit())
        ):
            while i < len(line) and (line[i] in _ENDS or line[i] in _CLOSE):
                i += 1
            yield start, i
            start = i
    yield start, len(line)


def sentences(text):
    """The sentences of text with their offsets, blank space trimmed."""
    found, offset = [], 0
    for line in text.splitlines(keepends=True):
        for begin, end in _spans(line):
            piece = line[begin:end]
            stripped = piece.strip()
            if stripped:
                lead = len(piece) - len(piece.lstrip())
                at = offset + begin + lead
                found.append(Sentence(stripped, at, at + len(stripped)))
        offset += len(line)
    return found
