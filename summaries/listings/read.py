"""Reading the stored listings: what the public pages ask, in bounded queries.

Every read starts from `Talk.objects.published()`, the one rule for what the
public sees, so a stored row can never show a draft or a talk not yet due.
"""

from collections import Counter

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import Channel, Speaker, Tag, Talk
from .models import FacetCount, Kind, Listing
from .related import SHOWN


def related_talks(talk):
    """The talk's related talks, best first (its stored list, public ones)."""
    related = Talk.objects.published().filter(related_in__talk=talk.pk)
    return related.order_by("related_in__position")[:SHOWN]


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


# Listing rows of talks not public now: not yet due, or ended by the clock
# since they were listed. Few, and each kind found through its own index (an
# OR of the two would make SQLite read every row).
NOT_PUBLIC = ("published_at__gt", "expires_at__lte")
OPERATORS = {"gt": ">", "lte": "<="}


def _scheduled(now):
    """Per list row, how many of its talks are not public now."""

    def count(condition):
        rows = (
            Listing.objects.filter(
                kind=OuterRef("kind"), value=OuterRef("value"), **{condition: now}
            )
            .order_by()
            .values("kind")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(rows), 0, output_field=IntegerField())

    return count(NOT_PUBLIC[0]) + count(NOT_PUBLIC[1])


def public_counts(kind, now=None):
    """FacetCount rows of `kind`, each with `public`: its public talks."""
    now = now or timezone.now()
    return (
        FacetCount.objects.filter(kind=kind)
        .annotate(public=F("count") - _scheduled(now))
        .filter(public__gt=0)
    )


def public_count(kind, value=0):
    """How many public talks a list has: its stored count less its talks not
    public now (one query; a page that also needs `scheduled()` reads both
    with `listing_state()`)."""
    return listing_state(kind, value)[0]


def _not_public_sql(counted=False):
    """SQL reading the listing rows of talks not public now, as (kind, value,
    NULL): one part per condition of NOT_PUBLIC, each through its own index
    (rows, not counts: grouping in SQL would walk a (kind, value) index
    through every row instead of the time indexes' few). `counted` adds the
    stored count of one list as (kind, value, count). Parameters: now, now
    [, kind, value]. Written in SQL: the ORM's union cost more to build than
    to run."""
    quote = connection.ops.quote_name
    listing, counts = Listing._meta, FacetCount._meta
    kind, value = quote("kind"), quote("value")

    def column(meta, name):
        return quote(meta.get_field(name).column)

    parts = []
    for condition in NOT_PUBLIC:
        field, lookup = condition.split("__")
        parts.append(
            f"SELECT {kind}, {value}, CAST(NULL AS INTEGER)"
            f" FROM {quote(listing.db_table)}"
            f" WHERE {column(listing, field)} {OPERATORS[lookup]} %s"
        )
    if counted:
        parts.append(
            f"SELECT {kind}, {value}, {column(counts, 'count')}"
            f" FROM {quote(counts.db_table)} WHERE {kind} = %s AND {value} = %s"
        )
    return " UNION ALL ".join(parts)


def _read_not_public(now, counted=None):
    """(the stored count of the list `counted` ((kind, value)) or 0, Counter
    of the listing rows of talks not public now)."""
    moment = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(
            _not_public_sql(counted is not None), [moment, moment, *(counted or ())]
        )
        rows = cursor.fetchall()
    stored = next((n for _kind, _value, n in rows if n is not None), 0)
    return stored, Counter((kind, value) for kind, value, n in rows if n is None)


def scheduled(now=None):
    """{(kind, value): talks not public now} over every list, in one query."""
    return dict(_read_not_public(now or timezone.now())[1])


def listing_state(kind, value=0, now=None):
    """(how many public talks the list has, `scheduled()`), in one query: a
    page of a stored list needs both, for its count and its filters."""
    stored, due_later = _read_not_public(now or timezone.now(), (kind, value))
    return max(stored - due_later.get((kind, value), 0), 0), dict(due_later)


def tops(sizes, now=None, due_later=None, named=False):
    """{kind: [(value, count)]}: for each kind of `sizes` ({kind: size}),
    its `size` lists with most public talks (None: all), most first, ties by
    value. One query, whatever the number of kinds. `named`: each row of a
    tag, speaker or channel is (value, count, name, slug), read in the same
    query.

    The first `size` + s rows by stored count (s: lists of this kind holding
    a scheduled talk) hold the answer: outside them, a list is outranked by
    at least `size` lists whose count is already public. Each kind is one
    range of the (kind, count, value) index, read in a subquery of its own;
    written in SQL because Django will not put a limited query in a UNION
    on SQLite.
    """
    if due_later is None:
        due_later = scheduled(now)
    later = {kind: {} for kind in sizes}
    for (kind, value), n in due_later.items():
        if kind in later:
            later[kind][value] = n
    quote = connection.ops.quote_name
    table = quote(FacetCount._meta.db_table)
    kind_, value_, count_ = (quote(name) for name in ("kind", "value", "count"))
    parts, params = [], []
    for number, (kind, size) in enumerate(sizes.items()):
        limit = "" if size is None else " LIMIT %s"
        parts.append(
            f"SELECT * FROM (SELECT {kind_}, {value_}, {count_} FROM {table}"
            f" WHERE {kind_} = %s AND {count_} > 0"
            f" ORDER BY {count_} DESC, {value_}{limit}) AS top{number}"
        )
        params += [kind] if size is None else [kind, size + len(later[kind])]
    sql = " UNION ALL ".join(parts)
    if named:
        sql, params = _with_names(sql, params, list(sizes))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    found = {kind: [] for kind in sizes}
    for kind, value, n, *name in rows:
        public = n - later[kind].get(value, 0)
        if public > 0:
            # Unnamed: not asked, a year, or a record deleted since counted.
            named_row = name and name[0] is not None
            found[kind].append((value, public, *name) if named_row else (value, public))
    for kind, size in sizes.items():
        found[kind].sort(key=lambda row: (-row[1], row[0]))
        if size is not None:
            del found[kind][size:]
    return found


# What a list's value is the id of (the others are a year, or 0).
NAMED = {Kind.TAG: Tag, Kind.SPEAKER: Speaker, Kind.CHANNEL: Channel}


def _with_names(sql, params, kinds):
    """`sql` (rows of kind, value, count) with each row's name and slug
    (NULL for a year), joined to the records of NAMED."""
    quote = connection.ops.quote_name
    joins, names, slugs, more = [], [], [], []
    for number, kind in enumerate(kind for kind in kinds if kind in NAMED):
        meta, alias = NAMED[kind]._meta, f"named{number}"
        joins.append(
            f" LEFT JOIN {quote(meta.db_table)} {alias} ON counted.{quote('kind')} = %s"
            f" AND {alias}.{quote(meta.pk.column)} = counted.{quote('value')}"
        )
        names.append(f"{alias}.{quote(meta.get_field('name').column)}")
        slugs.append(f"{alias}.{quote(meta.get_field('slug').column)}")
        more.append(kind)

    def first(columns):  # SQLite's COALESCE wants two arguments or more
        if not columns:
            return "NULL"
        return columns[0] if len(columns) == 1 else f"COALESCE({', '.join(columns)})"

    return (
        f"SELECT counted.*, {first(names)}, {first(slugs)} FROM ({sql}) AS counted"
        + "".join(joins),
        [*params, *more],
    )


def counts_among(talks, size, skip_tags=()):
    """{kind: [(value, count)]}: the tags, speakers and channels (the `size`
    most frequent of each) and the years of `talks` (a subquery of public
    talks' ids, such as the ids a search found), in one query over their
    listing rows (the unique index on talk, kind and value covers it).
    `skip_tags`: tag ids (or a subquery of them) left out: tags chosen."""
    rows = Listing.objects.filter(talk__in=talks).exclude(kind=Kind.ALL)
    if skip_tags:
        rows = rows.exclude(kind=Kind.TAG, value__in=skip_tags)
    found = {kind: [] for kind in (Kind.TAG, Kind.SPEAKER, Kind.CHANNEL, Kind.YEAR)}
    counted = rows.values_list("kind", "value").annotate(n=Count("pk")).order_by()
    for kind, value, n in counted:
        found[kind].append((value, n))
    for kind, counted in found.items():
        counted.sort(key=lambda row: (-row[1], row[0]))
        if kind != Kind.YEAR:
            del counted[size:]
    return found


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
