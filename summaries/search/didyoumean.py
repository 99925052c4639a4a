"""もしかして: for a search that found nothing, known words that read alike.

Known words are the names of tags on published talks and the keywords of
published talks (one query). Each is compared by its reading (Sudachi, in
hiragana; a word it cannot read is compared as written) with the reading of
what the reader typed: 人財 and 人材 both read じんざい, ガバメントクラウト is
one sound away from ガバメントクラウド. Readings are cached per word.
"""

from difflib import SequenceMatcher
from functools import lru_cache

from ..models import Keyword, TaggedTalk, Talk
from .analysis import hiragana, units
from .tokens import fold, runs

MIN_SIMILARITY = 0.75
MAX_WORDS = 5_000


@lru_cache(maxsize=20_000)
def reading(text):
    """What text sounds like, in hiragana (as written where Sudachi has none)."""
    spoken = []
    for unit in units(fold(text)):
        if unit.kind == "space":
            continue
        spoken.append(unit.reading or hiragana(unit.folded))
    return "".join(spoken)


def known_words():
    """Tag names and keywords of published talks, distinct (one query)."""
    published = Talk.objects.published().order_by().values("pk")
    tags = (
        TaggedTalk.objects.filter(content_object_id__in=published)
        .order_by()
        .values_list("tag__name")
    )
    keywords = (
        Keyword.objects.filter(talk_id__in=published).order_by().values_list("text")
    )
    return [word for (word,) in tags.union(keywords)[:MAX_WORDS]]


def suggest(query_text, limit=3, words=None):
    """Up to `limit` known words that read like the query, most alike first."""
    typed = "".join(runs(fold(query_text)))
    if not typed:
        return []
    spoken = reading(query_text)
    found = []
    for word in words if words is not None else known_words():
        folded = "".join(runs(fold(word)))
        if not folded or folded == typed:
            continue
        score = max(
            SequenceMatcher(None, spoken, reading(word)).ratio(),
            SequenceMatcher(None, typed, folded).ratio(),
        )
        if score >= MIN_SIMILARITY:
            found.append((-score, len(word), word))
    found.sort()
    seen, best = set(), []
    for _score, _length, word in found:
        if fold(word) not in seen:
            seen.add(fold(word))
            best.append(word)
    return best[:limit]
