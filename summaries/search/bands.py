"""The best results of a query without scoring every match: bands, best first.

`Query.score` is a sum of levels, one per dimension: for each term, where it
stands as a word (title … Q&A, elsewhere, nowhere) and where it stands as
typed (title … Q&A, elsewhere), and for each pair of neighbouring words,
whether they stand together. A combination of levels (a `Cell`) is a boolean
question the index answers ("the word in the tags but not the title, and
typed in the TL;DR but not in the title or tags"), and all the cells of one
score form a band. Bands are read best first, each newest first (by
`SearchEntry.recency`), each only as far as the page needs. Each backend
makes its own expression of a cell (`best_of`): SQLite asks its ranked
fields' FTS5 index, keyed by recency, which stops at the limit; PostgreSQL
asks its GIN index for the cell's candidates and orders them by the recency
stored beside each vector.

A cell where some term stands nowhere in the ranked fields (it is only in a
transcript, say) cannot be asked of that index: when the results reach it,
or the reading passes its budget, every match is scored instead
(`Query.ranked`), in the same statement. The answer is the same either way;
tests compare them.
"""

import heapq
from dataclasses import dataclass

from .wordkeys import TIERS, tier_token

# Cells read after the best band, when it did not fill the page (then every
# match is scored instead). Each cell costs what walking its
# doclists costs, up to its limit or to its end: the bands after the one
# that fills the page are read for nothing, and a query of many terms has
# many cells per band (all 41 bands of one term at once: up to 1.2 s at
# 100,000 talks; 48 bands of two terms: 3.6 s at 10,000).
MAX_CELLS = 12


@dataclass(frozen=True)
class Tokens:
    """The talk's index holds one of these key tokens."""

    tokens: tuple


@dataclass(frozen=True)
class Text:
    """The talk's folded `column` (one of `query.STANDS`) holds `text`."""

    column: str
    text: str


@dataclass(frozen=True)
class Level:
    """One level of one dimension: its weight, and what the talks it holds
    have, before those of the higher levels are taken out (None: the rest,
    which the index cannot list)."""

    weight: int
    expression: Tokens | Text | None


@dataclass(frozen=True)
class Cell:
    """The talks that have everything `holds` says and nothing `lacks` says
    (each a Tokens or a Text): one combination of levels. The backend makes
    its index's expression of it."""

    holds: tuple
    lacks: tuple


def dimensions(groups, pairs, word, together, stands):
    """(dimensions, terms): the dimensions of a query's score, each a list of
    Levels, best first, as `Query.score` weighs them; and for each term the
    numbers of its dimensions (where it stands as a word, if it has word
    keys, and as typed).

    `word`, `together`, `stands`: the weights `Query.score` uses (WORD,
    TOGETHER, STANDS).
    """
    found, terms = [], []
    for group in groups:
        own = []
        if group.tokens:
            levels = [
                Level(
                    word * (len(TIERS) + 2 - tier),
                    Tokens(tuple(tier_token(token, tier) for token in group.tokens)),
                )
                for tier in range(1, len(TIERS) + 1)
            ]
            levels += [Level(word, Tokens(group.tokens)), Level(0, None)]
            own.append(len(found))
            found.append(levels)
        own.append(len(found))
        found.append(
            [Level(weight, Text(column, group.texts[0])) for column, weight in stands]
            + [Level(1, None)]
        )
        terms.append(tuple(own))
    for pair in pairs:
        found.append([Level(together, Tokens((pair,))), Level(0, None)])
    return found, terms


def cell(dims, levels, terms):
    """The Cell of one combination of levels (a level per dimension), or None
    when a term stands nowhere in the ranked fields in it: each of the
    term's dimensions at its last level."""
    for own in terms:
        if all(levels[number] == len(dims[number]) - 1 for number in own):
            return None
    holds, lacks = [], []
    for dim, level in zip(dims, levels, strict=True):
        if dim[level].expression:
            holds.append(dim[level].expression)
        lacks += [higher.expression for higher in dim[:level]]
    return Cell(tuple(holds), tuple(lacks))


def bands(dims, terms):
    """(score, [Cell or None]) of each band, best first: the cells
    of the score lattice in decreasing order of their sum (a heap over level
    tuples), cells of equal score together."""
    start = (0,) * len(dims)
    seen = {start}

    def score(levels):
        return sum(dim[level].weight for dim, level in zip(dims, levels, strict=True))

    heap = [(-score(start), start)]
    while heap:
        top, levels = heapq.heappop(heap)
        cells = [levels]
        while heap and heap[0][0] == top:
            cells.append(heapq.heappop(heap)[1])
        for own in cells:
            for number in range(len(dims)):
                if own[number] + 1 < len(dims[number]):
                    after = (*own[:number], own[number] + 1, *own[number + 1 :])
                    if after not in seen:
                        seen.add(after)
                        heapq.heappush(heap, (-score(after), after))
        yield -top, [cell(dims, levels, terms) for levels in cells]


def readable(dims, terms):
    """The bands the index can answer, best first, each a tuple of Cells: the
    best band, then the next ones up to the first the index cannot answer or
    MAX_CELLS cells more. The backend reads them in this order, each only if
    those before it did not fill the page."""
    found, cells_read = [], 0
    for _score, cells in bands(dims, terms):
        cells_read += len(cells)
        if None in cells or (found and cells_read > 1 + MAX_CELLS):
            break
        found.append(tuple(cells))
    return found
