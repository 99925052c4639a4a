"""Tag and keyword suggestions for editors, from a talk's own text.

Pure functions: weighted texts in (`[(text, weight), ...]`, see
`talk_fields`), ranked `Suggestion`s out; no database. The corpus enters as
document frequencies (`document_frequencies`), counted once over every talk
by the caller and passed in as a plain dict.

Candidate terms are the noun phrases of the text (`analysis.noun_phrases`)
and every shorter run of up to MAX_UNITS of their Sudachi A units, since a
tag is often part of the phrase a speaker used (DX in DXアワード). Terms
are grouped by normalised form (取組 and 取り組み are one term) and shown as
most often written. An occurrence counts by the weight of its field, and by
where the term stands in its phrase:

- the whole phrase, or its leading words (the modifier: DX in DXアワード,
  which names the subject, while アワード names only the kind of thing): 1;
- other whole words inside the phrase (アワード): OTHER_WORDS;
- part of one Sudachi word (東京 in 東京都, コロナ in コロナ禍): PART_OF_WORD.

"A の B" of two one-word phrases also counts as the term AB, as said (市民の
ニーズ names 市民ニーズ), unless B is a lone verbal noun (an act: デジタル庁の
設立). A lone verbal noun (設立, 活用) names an act rather than a subject and
counts VERBAL; a word written in hiragana only (きっかけ) counts KANA_ONLY.
Nouns of time and degree (今後, 現在), adjectival X的 and names of people
(speakers have their own pages) are never offered. The score is that
weight times the term's inverse document frequency (TF-IDF), so words
every talk uses sink and the talk's own subjects rise.
"""

import math
import re
from collections import Counter
from itertools import pairwise
from typing import NamedTuple

from ..text import fold
from .analysis import index_terms, noun_phrases, query_keys, tokens

__all__ = [
    "Suggestion",
    "candidates",
    "document_frequencies",
    "suggest_keywords",
    "suggest_tags",
    "talk_fields",
]

MAX_UNITS = 4
OTHER_WORDS = 0.5
PART_OF_WORD = 0.25
VERBAL = 0.5
KANA_ONLY = 0.5
JOINED = 1
# Field weights: the title names the subject, the TL;DR sums it up.
TITLE, TLDR, BODY = 3, 2, 1

_HIRAGANA = re.compile(r"[\u3041-\u309f\u30fc]+")


class Suggestion(NamedTuple):
    """A suggestion to offer: its text, its score, and for tags whether it
    is an existing tag's name (those come first)."""

    text: str
    score: float
    existing: bool = False


class Term:
    """One candidate term in a text: how it is written, and its weight."""

    __slots__ = ("said", "surfaces", "units", "weight", "whole")

    def __init__(self, units):
        self.units = units
        self.said = set()  # keys of the "A の B" forms it was said in
        self.surfaces = Counter()
        self.weight = 0.0
        self.whole = 0.0  # weight of the occurrences that were whole phrases

    @property
    def text(self):
        return self.surfaces.most_common(1)[0][0]

    @property
    def prior(self):
        """How much a term of this kind is worth as a tag or keyword."""
        factor = KANA_ONLY if _HIRAGANA.fullmatch(self.text) else 1
        if len(self.units) == 1 and self.units[0].pos[2] == "サ変可能":
            factor *= VERBAL
        return factor


def talk_fields(title="", tldr="", takeaways=(), questions=()):
    """A talk's texts with their weights; `questions` as (question, answer)."""
    fields = [(title, TITLE), (tldr, TLDR)]
    fields += [(text, BODY) for text in takeaways]
    fields += [(text, BODY) for pair in questions for text in pair]
    return [(text, weight) for text, weight in fields if text]


def _offered(span):
    """Whether a run of units can be offered as a term on its own."""
    if span[0].kind == "suffix" or span[-1].kind in ("prefix", "verb"):
        return False
    if not any(unit.kind in ("noun", "proper") for unit in span):
        return False
    if any(unit.pos[2] == "人名" for unit in span):
        return False
    if len(span) == 1 and span[0].pos[2] == "副詞可能":
        return False
    text = "".join(unit.surface for unit in span)
    if text.endswith("的") or len(text) == 1 and not text.isascii():
        return False
    return True


def _spans(phrase):
    """(units, position factor) of each term a phrase holds."""
    units, edges = [], {0}
    for word in phrase.words:
        units.extend(word.units)
        edges.add(len(units))
    size = len(units)
    runs = [
        (start, end)
        for start in range(size)
        for end in range(start + 1, min(start + MAX_UNITS, size) + 1)
    ]
    if size > MAX_UNITS:
        runs.append((0, size))  # the whole phrase, however long
    for start, end in runs:
        span = units[start:end]
        if not _offered(span):
            continue
        if start == 0 and end in edges:  # the whole phrase or its leading words
            yield span, 1
        elif start in edges and end in edges:
            yield span, OTHER_WORDS
        else:
            yield span, PART_OF_WORD


def _phrases(text):
    """Noun phrases, less lone verbal nouns used as verbs (活用し, 開催する)."""
    analysed = tokens(text)
    following = {word.begin: word for word in analysed}
    for phrase in noun_phrases(text, analysed):
        after = following.get(phrase.end)
        if not (
            len(phrase.words) == 1
            and phrase.words[0].pos[2] == "サ変可能"
            and after is not None
            and after.normal == "為る"
        ):
            yield phrase


def _joined(text, phrases):
    """(units, key as said) of each "A の B" that names one term (市民のニーズ
    -> 市民ニーズ): two one-word noun phrases with only の between them, short
    enough to be a tag, B not a lone act (デジタル庁の設立 stays two)."""
    for first, second in pairwise(phrases):
        if text[first.end : second.begin] != "の":
            continue
        span = first.units + second.units
        if len(span) > MAX_UNITS or len(first.words) > 1 or len(second.words) > 1:
            continue
        if len(second.units) == 1 and second.units[0].pos[2] == "サ変可能":
            continue
        if _offered(span):
            normals = [unit.normal for unit in first.units]
            yield span, "".join([*normals, "の", *(u.normal for u in second.units)])


def _count(terms, span, amount):
    key = "".join(unit.normal for unit in span)
    term = terms.get(key) or terms.setdefault(key, Term(span))
    term.surfaces["".join(unit.surface for unit in span)] += 1
    term.weight += amount
    return term


def candidates(fields):
    """{normalised key: Term} of weighted texts, `[(text, weight), ...]`."""
    terms = {}
    for text, weight in fields:
        phrases = list(_phrases(text))
        for phrase in phrases:
            whole = len(phrase.units)
            for span, factor in _spans(phrase):
                term = _count(terms, span, weight * factor)
                if len(span) == whole:
                    term.whole += weight
        for span, said in _joined(text, phrases):
            _count(terms, span, weight * JOINED).said.add(said)
    return terms


def document_frequencies(documents):
    """({term key: number of documents holding it}, number of documents) for
    documents given as texts (a talk's texts joined by line breaks)."""
    counts, total = Counter(), 0
    for document in documents:
        total += 1
        counts.update(candidates([(document, 1)]).keys())
    return dict(counts), total


def idf(key, df, documents):
    """Smoothed inverse document frequency: 1 for a term in every document,
    highest for one the corpus has never seen."""
    return math.log((documents + 1) / (df.get(key, 0) + 1)) + 1


def _ranked(terms, df, documents):
    scored = [
        (term.weight * term.prior * idf(key, df, documents), key, term)
        for key, term in terms.items()
    ]
    # Among equals, the phrase as said, then the longer: 窓口改革 over 窓口.
    scored.sort(
        key=lambda found: (
            -found[0],
            -found[2].whole,
            -len(found[2].text),
            found[2].text,
        )
    )
    return scored


def _tag_key(name):
    """A tag name's normalised key, as candidate keys are made."""
    terms = query_keys(name).terms
    return terms[0].word[2:] if len(terms) == 1 and terms[0].word else ""


def _existing(fields, names, terms, df, documents):
    """Existing tags standing in the text as whole words, best first."""
    keys = set().union(*(index_terms(text) for text, _weight in fields))
    folded = [(fold(text), weight) for text, weight in fields]
    found = {}
    for name in names:
        key, name_folded = _tag_key(name), fold(name)
        present = (
            "n:" + key in keys
            if key
            else any(name_folded in text for text, _weight in folded)
        )
        if not present or name_folded in found:
            continue
        weight = sum(weight * text.count(name_folded) for text, weight in folded)
        if key in terms:
            weight = max(weight, terms[key].weight)
        score = weight * idf(key or name_folded, df, documents)
        found[name_folded] = Suggestion(name, score, existing=True), key
    return sorted(found.values(), key=lambda item: (-item[0].score, item[0].text))


def suggest_tags(fields, existing=(), df=None, documents=0, limit=15):
    """Tags for a talk, best first: existing tags, then new candidate terms.

    Existing tags are those of `existing` whose name stands in the text as
    whole words, folded and in any spelling Sudachi normalises alike (`京都`
    is not found in 東京都). A candidate that is an existing tag is offered
    once, as that tag.
    """
    df = df or {}
    terms = candidates(fields)
    found = _existing(fields, existing, terms, df, documents)
    taken = {fold(suggestion.text) for suggestion, _key in found}
    taken |= {key for _suggestion, key in found if key}
    suggestions = [suggestion for suggestion, _key in found]
    for score, key, term in _ranked(terms, df, documents):
        if len(suggestions) >= limit:
            break
        if key not in taken and fold(term.text) not in taken:
            suggestions.append(Suggestion(term.text, score))
    return suggestions[:limit]


def suggest_keywords(fields, df=None, documents=0, limit=10):
    """Whole noun phrases of the text (デジタル人材, 防災), best first by TF-IDF."""
    df = df or {}
    phrases = {key: term for key, term in candidates(fields).items() if term.whole}
    for term in phrases.values():
        term.weight = term.whole  # a keyword is a phrase as the speaker said it
    return [
        Suggestion(term.text, score)
        for score, _key, term in _ranked(phrases, df, documents)[:limit]
    ]
