"""A reader's query: what it asks for, and the talks that answer it."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import add

from django.db.models import Case, Value, When
from django.utils.translation import gettext as _

from ..models import Talk
from .backends import get_backend
from .models import SearchEntry
from .scan import contains, in_head_by_scan
from .tokens import MAX_QUERY_LENGTH, clean, fold, split_terms


@dataclass
class Query:
    """The query as typed (`text`), its `terms`, or the `error` that refused it."""

    text: str = ""
    terms: list = field(default_factory=list)
    error: str = ""

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
        """What the search log keeps: the query folded, spaces made single."""
        return " ".join(fold(self.text).split())

    def entries(self):
        """Index rows holding every term: the index first, then any scan."""
        long_terms = [term for term in self.terms if len(term) > 1]
        entries = SearchEntry.objects.all()
        if long_terms:
            entries = get_backend().match(entries, long_terms)
        for term in self.terms:
            if len(term) == 1:
                entries = entries.filter(contains(term))
        return entries

    def matching(self, talks):
        """`talks` narrowed to those holding every term."""
        return talks.filter(pk__in=self.entries().values("talk_id"))

    def ranked(self, talks):
        """Matching `talks`, best first: terms in the title or tags rank above
        terms found only in the body; ties go to the newest."""
        backend = get_backend()
        score = reduce(
            add,
            (
                Case(
                    When(
                        backend.in_head(term)
                        if len(term) > 1
                        else in_head_by_scan(term),
                        then=Value(1),
                    ),
                    default=Value(0),
                )
                for term in self.terms
            ),
        )
        return (
            self.matching(talks)
            .annotate(search_score=score)
            .order_by("-search_score", "-published_at", "-pk")
        )


class RankedTalks(Sequence):
    """Talks in a ranked order of ids, read a page at a time.

    Ranking finds every match once (one query, ids only); the paginator counts
    them with `len()` and asks for one slice, whose talks are then fetched in
    a fixed number of queries. Filters and counts reuse the same ids through
    `backend.id_list`, so the full-text search runs once per page.
    """

    model = Talk

    def __init__(self, ids, fetch=None):
        """`fetch(ids)` gives the talks of one page (with what cards show)."""
        self.ids = ids
        self.fetch = fetch or (lambda ids: Talk.objects.filter(pk__in=ids).for_cards())

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1 or None][0]
        ids = self.ids[index]
        talks = {talk.pk: talk for talk in self.fetch(ids)}
        return [talks[pk] for pk in ids if pk in talks]

    def id_list(self):
        """The ids as a subquery for `__in` (one parameter, however many)."""
        return get_backend().id_list(self.ids)
