"""A reader's query: what it asks for, and the talks that answer it."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import add
from typing import NamedTuple

from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext as _

from ..models import Talk
from . import bands
from .backends import get_backend
from .models import Pin, SearchEntry, Synonym, fold_query
from .scan import contains
from .tokens import MAX_QUERY_LENGTH, clean, split_terms
from .wordkeys import TIERS, term_tokens, tier_token

# Weights of `Query.score`.
WORD = 8
TOGETHER = 24
PINNED = 100_000
# Terms past this many still narrow the results but do not add to the score.
MAX_RANKED_TERMS = 8
# Read band by band (`best`) up to this many terms and pairs; beyond, the
# bands are too many and every match is scored.
MAX_BAND_TERMS = 2
MAX_BAND_PAIRS = 2


@dataclass
class Query:
    """The query as typed (`text`), its `terms`, or the `error` that refused it."""

    text: str = ""
    terms: list = field(default_factory=list)
    error: str = ""
    _groups: tuple = field(default=None, repr=False, compare=False)

    @classmethod
    def parse(cls, raw):
        text = " ".join(clean(raw or "").split())
        if not text:
            return cls()
        if len(text) > MAX_QUERY_LENGTH:
            return cls(
                text[:MAX_QUERY_LENGTH],
                error=_(
                    "検索語が長すぎます（%(length)d文字）。"
                    "%(limit)d文字以内にして、もう一度検索してください。"
                )
                % {"length": len(text), "limit": MAX_QUERY_LENGTH},
            )
        terms = split_terms(text)
        if not terms:
            return cls(
                text,
                error=_(
                    "検索できる文字がありません。"
                    "記号だけでなく、文字か数字を入れて検索してください。"
                ),
            )
        return cls(text, terms)

    def __bool__(self):
        return bool(self.terms)

    @property
    def folded(self):
        """What the search log and pins keep: folded, spaces made single."""
        return fold_query(self.text)

    def groups(self):
        """Each term with its synonyms and key tokens, and the pair tokens of
        neighbouring terms: (groups, pairs). Reads the synonyms (one query)."""
        if self._groups is None:
            synonyms = synonyms_of(self.terms)
            groups = []
            for term in self.terms:
                alternatives = [term, *synonyms.get(term, ())]
                found, _pairs = term_tokens(alternatives)
                tokens = tuple(dict.fromkeys(t for item in found for t in item.keys))
                groups.append(Group(tuple(alternatives), tokens))
            _terms, pairs = term_tokens([self.text])
            self._groups = (groups, tuple(dict.fromkeys(pairs)))
        return self._groups

    def entries(self):
        """Index rows holding every term (or one of its synonyms), in any
        spelling and by reading: the index first, then any scan."""
        backend = get_backend()
        entries = SearchEntry.objects.all()
        groups, _pairs = self.groups()
        for group in groups:
            long = [text for text in group.texts if len(text) > 1]
            condition = Q()
            if long or group.tokens:
                condition |= backend.match_any(long, group.tokens)
            for text in group.texts:
                if len(text) == 1:
                    condition |= contains(text)
            entries = entries.filter(condition)
        return entries

    def pinned(self):
        return Q(pk__in=Pin.objects.filter(query=self.folded).values("talk_id"))

    def matching(self, talks):
        """`talks` narrowed to those holding every term, and those pinned to
        this query."""
        return talks.filter(Q(pk__in=self.entries().values("talk_id")) | self.pinned())

    def ranked(self, talks):
        """Matching `talks`, best first (see `score`); ties go to the newest
        (`SearchEntry.recency`: publication to the second, then the id)."""
        return (
            self.matching(talks)
            .annotate(search_score=self.score())
            .order_by("-search_score", "-search_entry__recency", "-pk")
        )

    def best(self, limit):
        """Best(ids, total, banded): the first `limit` public talks of
        `ranked`, in its order, and how many public talks match (pinned ones
        included), in one statement after the synonyms', as `ranked` costs:
        read band by band from the index (`bands`) instead of scoring every
        match, or, where the bands cannot answer (a pinned result, results
        that run into talks the ranked fields cannot list, bands too sparse
        to fill the page), scored whole within that statement. None when
        only `ranked` can answer: a term of one character, more terms than
        MAX_BAND_TERMS."""
        backend = get_backend()
        groups, pairs = self.groups()
        if (
            len(groups) > MAX_BAND_TERMS
            or len(pairs) > MAX_BAND_PAIRS
            or any(len(text) < 2 for group in groups for text in group.texts)
        ):
            return None
        dims, terms = bands.dimensions(groups, pairs, WORD, TOGETHER, STANDS)
        return Best(
            *backend.best_of(
                groups,
                bands.readable(dims, terms),
                limit,
                Talk.objects.hidden_ids(),
                Pin.objects.filter(query=self.folded).values("talk_id"),
                self.ranked(Talk.objects.published()).values("pk"),
            )
        )

    def score(self):
        """A talk's score, in one expression both databases compute alike.

        Per term: where it stands as a whole word (any spelling or reading),
        by field (title 6 ... Q&A 2, elsewhere 1, not as a word 0), times
        WORD, plus where it stands as written (title 6 ... Q&A 2, elsewhere
        1; the term as typed only, so a synonym ranks below it). So a whole
        word anywhere outranks a match inside a longer word anywhere. Each
        pair of neighbouring terms standing together adds TOGETHER; a pin
        adds PINNED. Every lookup is an index subquery: one statement.
        """
        backend = get_backend()
        groups, pairs = self.groups()
        parts = []
        for group in groups[:MAX_RANKED_TERMS]:
            if group.tokens:
                parts.append(
                    Case(
                        *(
                            When(
                                backend.holding(
                                    [tier_token(token, tier) for token in group.tokens]
                                ),
                                then=Value(WORD * (len(TIERS) + 2 - tier)),
                            )
                            for tier in range(1, len(TIERS) + 1)
                        ),
                        When(backend.holding(group.tokens), then=Value(WORD)),
                        default=Value(0),
                    )
                )
            parts.append(
                Case(
                    *(
                        When(backend.stands(column, group.texts[0]), then=Value(weight))
                        for column, weight in STANDS
                    ),
                    default=Value(1),
                )
            )
        for pair in pairs[:MAX_RANKED_TERMS]:
            parts.append(
                Case(
                    When(backend.holding([pair]), then=Value(TOGETHER)),
                    default=Value(0),
                )
            )
        parts.append(Case(When(self.pinned(), then=Value(PINNED)), default=Value(0)))
        return reduce(add, parts)


# Where a term as typed stands: the folded columns of SearchEntry, and the
# score of each (head is title and tags: reached once the title did not match).
STANDS = (("title", 6), ("head", 5), ("tldr", 4), ("takeaways", 3), ("qa", 2))


class Best(NamedTuple):
    """What `Query.best` found, and whether from the bands (else scored whole)."""

    ids: list
    total: int
    banded: bool


@dataclass(frozen=True)
class Group:
    """One query term and its synonyms (`texts`, folded), with the key tokens
    that find any of them as whole words or by reading."""

    texts: tuple
    tokens: tuple


def synonyms_of(terms):
    """{term: [its synonyms]} for the terms that have some (one query)."""
    wanted = set(terms)
    found = {}
    for synonym in Synonym.objects.only("terms"):
        folded = synonym.folded_terms()
        for term in wanted.intersection(folded):
            found.setdefault(term, [])
            found[term] += [other for other in folded if other != term]
    return found


class RankedTalks(Sequence):
    """Talks in a ranked order of ids, read a page at a time.

    Ranking finds every match once (one query, ids only); the paginator counts
    them with `len()` and asks for one slice, whose talks are then fetched in
    a fixed number of queries. Filters and counts reuse the same ids through
    `backend.id_list`, so the full-text search runs once per page.
    """

    model = Talk

    def __init__(self, ids, fetch=None, total=None):
        """`fetch(ids)` gives the talks of one page (with what cards show);
        `total`: how many match, when `ids` are only the best of them."""
        self.ids = ids
        self.total = len(ids) if total is None else total
        self.fetch = fetch or (lambda ids: Talk.objects.filter(pk__in=ids).for_cards())

    def best(self, count):
        """The first `count` of these results, still counting them all."""
        if len(self.ids) <= count:
            return self
        return RankedTalks(self.ids[:count], self.fetch, self.total)

    @property
    def sampled(self):
        """Whether `ids` are only the best of more matches."""
        return len(self.ids) < self.total

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1 or None][0]
        ids = self.ids[index]
        talks = {talk.pk: talk for talk in self.fetch(ids)}
        return [talks[pk] for pk in ids if pk in talks]

    def id_list(self):
        """The ids as a subquery for `__in` (one parameter, however many)."""
        return get_backend().id_list(self.ids)
