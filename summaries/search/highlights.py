"""Highlight suggestions: the transcript sentences most central to the talk.

Transcript segments are joined and cut into sentences again (a caption line
often ends mid-sentence); each sentence keeps the start of the segment it
begins in. Sentences are compared by their content words (normalised
nouns, verbs, adjectives: 取組 and 取り組み alike), weighted by TF-IDF over
the sentences, and ranked by LexRank (Erkan & Radev 2004): PageRank over
the graph of cosine similarities, so a sentence that shares its subject
with many others, the one that sums up what the talk keeps returning to,
comes first. Sentences too short or too long to quote are left out.
"""

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import pairwise
from typing import NamedTuple

from .analysis import sentences, tokens

__all__ = ["Highlight", "suggest_highlights", "transcript_sentences"]

MIN_CHARS = 15
MAX_CHARS = 160
MIN_WORDS = 3
DAMPING = 0.85
CONTENT = frozenset({"noun", "proper", "verb", "adjective", "adjectival"})
# Verbs and nouns that carry grammar, not content (する, ある, いる, なる, こと).
LIGHT = frozenset("為る 有る 居る 成る 言う 思う 事 物 為 様 所 方 時 中".split())


class Highlight(NamedTuple):
    start_seconds: int
    text: str
    score: float


def transcript_sentences(segments):
    """(start seconds, sentence) from `(start_seconds, text)` segments.

    A sentence running over several segments is cut at segment ends where it
    would pass MAX_CHARS: captions without punctuation still make quotable
    lines.
    """
    starts, text = [], ""
    for start_seconds, segment in segments:
        segment = " ".join(segment.split())
        if not segment:
            continue
        if text and not text.endswith("\n") and _spaced(text[-1], segment[0]):
            text += " "
        starts.append((len(text), start_seconds))
        text += segment + ("\n" if segment[-1] in "。！？!?" else "")
    found = []
    offsets = [at for at, _s in starts]  # ascending: found by bisection
    for sentence in sentences(text):
        first = bisect_right(offsets, sentence.begin)
        last = bisect_left(offsets, sentence.end, first)
        cuts = offsets[first:last]
        for begin, end in _packed(sentence.begin, cuts, sentence.end):
            piece = text[begin:end].strip()
            if piece:
                found.append((_start(starts, offsets, begin), piece))
    return found


def _packed(begin, cuts, end):
    """(begin, end) pieces of at most MAX_CHARS where cuts allow, as few as can be."""
    start = begin
    for previous, at in pairwise([begin, *cuts, end]):
        if at - start > MAX_CHARS and previous > start:
            yield start, previous
            start = previous
    yield start, end


def _spaced(left, right):
    """Latin words need a space between segments; Japanese has none."""
    return left.isascii() and left.isalnum() or right.isascii() and right.isalnum()


def _start(starts, offsets, offset):
    """The start of the last segment beginning at or before `offset`."""
    return starts[max(bisect_right(offsets, offset) - 1, 0)][1]


def _words(sentence):
    return Counter(
        word.normal
        for word in tokens(sentence)
        if word.kind in CONTENT and word.normal not in LIGHT
    )


def _vectors(bags):
    df = Counter(word for bag in bags for word in bag)
    total = len(bags)
    vectors = []
    for bag in bags:
        vector = {
            word: count * (math.log((total + 1) / (df[word] + 1)) + 1)
            for word, count in bag.items()
        }
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1
        vectors.append({word: value / norm for word, value in vector.items()})
    return vectors


def _dot(vector, other):
    return sum(value * other.get(word, 0) for word, value in vector.items())


# A sentence whose similarities to all others add up to less than this shares
# nothing (the sum is a difference of floats, not an exact zero).
ALONE = 1e-12


def _lexrank(vectors, iterations=100, tolerance=1e-9):
    """LexRank scores, without the n × n matrix of similarities.

    The similarity of sentences i and j is the dot product of their vectors
    v_i·v_j, so the matrix is V·Vᵀ (less its diagonal: a sentence is not its
    own neighbour) and one step of the power iteration, W·y, is V·(Vᵀ·y)
    less y_i·(v_i·v_i): two passes over the words of the sentences. A
    two-hour transcript (3,000 sentences) takes well under a second instead
    of half a minute, with the same scores.
    """
    size = len(vectors)
    every = Counter()
    for vector in vectors:
        every.update(vector)
    own = [_dot(vector, vector) for vector in vectors]
    totals = [_dot(vector, every) - own[i] for i, vector in enumerate(vectors)]
    rank = [1 / size] * size
    for _ in range(iterations):
        shares = [
            DAMPING * rank[i] / totals[i] if totals[i] > ALONE else 0.0
            for i in range(size)
        ]
        # A sentence sharing nothing spreads its rank evenly.
        even = sum(DAMPING * rank[i] for i in range(size) if totals[i] <= ALONE) / size
        spread = Counter()
        for share, vector in zip(shares, vectors, strict=True):
            if share:
                for word, value in vector.items():
                    spread[word] += share * value
        new = [
            (1 - DAMPING) / size + even + _dot(vector, spread) - shares[j] * own[j]
            for j, vector in enumerate(vectors)
        ]
        done = sum(abs(a - b) for a, b in zip(new, rank, strict=True)) < tolerance
        rank = new
        if done:
            break
    return rank


def suggest_highlights(segments, limit=5):
    """The most central quotable sentences, best first, as `Highlight`s;
    ties go to the earlier sentence."""
    quotable = []
    for start_seconds, sentence in transcript_sentences(segments):
        bag = _words(sentence)
        if MIN_CHARS <= len(sentence) <= MAX_CHARS and sum(bag.values()) >= MIN_WORDS:
            quotable.append((start_seconds, sentence, bag))
    if not quotable:
        return []
    rank = _lexrank(_vectors([bag for _s, _t, bag in quotable]))
    # Equal scores (a sentence said twice) may differ in their last bits:
    # rounded, ties go to the earlier sentence as the docstring says.
    order = sorted(range(len(quotable)), key=lambda i: (-round(rank[i], 12), i))
    return [Highlight(quotable[i][0], quotable[i][1], rank[i]) for i in order[:limit]]
