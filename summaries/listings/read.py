"""Reading the stored listings: what the public pages ask, in bounded queries.

Every read starts from `Talk.objects.published()`, the one rule for what the
public sees, so a stored row can never show a draft or a talk not yet due.
"""

from django.core.paginator import Paginator
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import Talk
from .models import FacetCount, Listing
from .related import SHOWN


def related_talks(talk):
    """The talk's related talks, best first (its stored list, public ones)."""
    return (
        Talk.objects.published()
        .filter(related_in__talk=talk.pk)
        .order_by("related_in__position")
        .for_cards()[:SHOWN]
    )


def newest(kind, value=0, now=None):
    """Public talks in one list (all, a tag, a speaker…), newest first: a
    range scan of the listing's index, however many talks there are."""
    now = now or timezone.now()
    return (
        Talk.objects.published(now=now)
        .filter(
            listings__kind=kind, listings__value=value, listings__published_at__lte=now
        )
        .order_by("-listings__published_at", "-listings__talk_id")
    )


def _scheduled(now):
    """Per list row, how many of its talks are not yet due (few: found
    through the index on publication time)."""
    due_later = (
        Listing.objects.filter(
            kind=OuterRef("kind"), value=OuterRef("value"), published_at__gt=now
        )
        .order_by()
        .values("kind")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(due_later), 0, output_field=IntegerField())


def public_counts(kind, now=None):
    """FacetCount rows of `kind`, each with `public`: its public talks."""
    now = now or timezone.now()
    return (
        FacetCount.objects.filter(kind=kind)
        .annotate(public=F("count") - _scheduled(now))
        .filter(public__gt=0)
    )


def public_count(kind, value=0, now=None):
    """How many public talks a list has, in one query."""
    found = (
        public_counts(kind, now).filter(value=value).values_list("public", flat=True)
    )
    return next(iter(found), 0)


def top(kind, size, now=None, exclude=()):
    """[(value, count)] of the lists of `kind` with most public talks."""
    rows = public_counts(kind, now)
    if exclude:
        rows = rows.exclude(value__in=exclude)
    return list(rows.order_by("-public", "value").values_list("value", "public")[:size])


def with_public_counts(records, kind, now=None):
    """Tags, speakers or channels on public talks, each with `talk_count`."""
    counts = public_counts(kind, now).filter(value=OuterRef("pk")).values("public")
    return records.annotate(
        talk_count=Coalesce(Subquery(counts), Value(0), output_field=IntegerField())
    ).filter(talk_count__gt=0)


class CountedPaginator(Paginator):
    """A paginator told its count (from FacetCount) instead of counting rows."""

    def __init__(self, object_list, per_page, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.__dict__["count"] = count
