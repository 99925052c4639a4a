"""Keeping the stored listings in step: the receiver of `talk_changed`.

For the talks that changed: their `Listing` rows are compared with what they
should now be, the difference is written, and each list's `FacetCount` moves
by exactly that difference (an `UPDATE … count + n`, so concurrent writers
add up). Talks whose publication time or tags moved are re-ranked
(`related.py`), with the talks whose related list held them or that they now
enter. Past `REBUILD_OVER` talks at once (generating 100,000 talks, deleting
them), everything is rebuilt instead, in bulk; past `RERANK_ALL_OVER` lists
to re-rank, every list is.
"""

from collections import Counter, defaultdict
from itertools import islice

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from ..models import TaggedTalk, Talk, TalkSpeaker
from .models import FacetCount, Kind, Listing, RelatedList, RelatedTalk
from .related import Ranking

CHUNK = 500  # ids per `IN (…)`: well under every database's parameter limit
# Changed talks past which everything is rebuilt in bulk (generating or
# deleting many talks); renaming a tag on 10,000 talks is still an update.
REBUILD_OVER = 20_000
# Talks to re-rank past which every related list is ranked again in bulk.
RERANK_ALL_OVER = 2000


def chunks(ids, size=CHUNK):
    ids = iter(sorted(ids))
    while batch := list(islice(ids, size)):
        yield batch


def talks_changed(sender, talk_ids, **kwargs):
    """Receiver of the core's `talk_changed` (connected in ListingsConfig.ready)."""
    with transaction.atomic():
        if len(talk_ids) > REBUILD_OVER:
            rebuild()
        else:
            update(talk_ids)


# Listings ----------------------------------------------------------------


def listing_rows(talk_ids=None):
    """{talk id: {(kind, value, published_at, expires_at)}} as they should be
    now, for `talk_ids` (None: every talk). A talk whose end (公開終了) has
    come is in no list; one whose end is ahead is listed until then, its
    rows carrying the time."""
    rows = defaultdict(set)
    talks = Talk.objects.filter(status=Talk.Status.PUBLISHED).exclude(
        expires_at__lte=timezone.now()
    )
    taggings = TaggedTalk.objects.all()
    speakers = TalkSpeaker.objects.all()
    batches = [None] if talk_ids is None else list(chunks(talk_ids))
    for batch in batches:
        some = talks if batch is None else talks.filter(pk__in=batch)
        times = {}
        for pk, at, ends, channel, day in some.values_list(
            "pk", "published_at", "expires_at", "channel_id", "video_date"
        ).order_by():
            times[pk] = at, ends
            rows[pk].update(
                {
                    (Kind.ALL, 0, at, ends),
                    (Kind.CHANNEL, channel, at, ends),
                    (Kind.YEAR, day.year, at, ends),
                }
            )
        tagged = (
            taggings if batch is None else taggings.filter(content_object__in=batch)
        )
        for pk, tag in tagged.values_list("content_object_id", "tag_id").order_by():
            if pk in times:
                rows[pk].add((Kind.TAG, tag, *times[pk]))
        spoken = speakers if batch is None else speakers.filter(talk__in=batch)
        for pk, speaker in spoken.values_list("talk_id", "speaker_id").order_by():
            if pk in times:
                rows[pk].add((Kind.SPEAKER, speaker, *times[pk]))
    return rows


def insert_rows(model, fields, rows):
    """Plain INSERTs (COPY on PostgreSQL) of many simple rows."""
    if not rows:
        return
    meta = model._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in fields)
    table = quote(meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(fields))
        adapt = connection.ops.adapt_datetimefield_value
        times = [i for i, name in enumerate(fields) if name.endswith("_at")]
        if times:
            rows = [
                tuple(adapt(v) if i in times else v for i, v in enumerate(row))
                for row in rows
            ]
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


LISTING_FIELDS = ("talk", "kind", "value", "published_at", "expires_at")


def update_listings(talk_ids):
    """Bring these talks' listing rows and the counts up to date; the ids of
    the talks whose related lists may change (tags or time moved)."""
    old = defaultdict(set)
    row_ids = {}
    for batch in chunks(talk_ids):
        for pk, talk, *row in Listing.objects.filter(talk__in=batch).values_list(
            "pk", "talk_id", "kind", "value", "published_at", "expires_at"
        ):
            old[talk].add(tuple(row))
            row_ids[talk, *row] = pk
    new = listing_rows(talk_ids)
    gone, added, delta, moved = [], [], Counter(), set()
    for talk in talk_ids:
        before, after = old.get(talk, set()), new.get(talk, set())
        for kind, value, *times in before - after:
            gone.append(row_ids[talk, kind, value, *times])
            delta[kind, value] -= 1
        for kind, value, *times in after - before:
            added.append((talk, kind, value, *times))
            delta[kind, value] += 1
        if _ranked_by(before) != _ranked_by(after):
            moved.add(talk)
    for batch in chunks(gone):
        Listing.objects.filter(pk__in=batch).delete()
    insert_rows(Listing, LISTING_FIELDS, added)
    change_counts(delta)
    return moved


def _ranked_by(rows):
    """What related talks are ranked by: publication times and tags."""
    return {row for row in rows if row[0] in "at"}


def change_counts(delta):
    delta = {key: n for key, n in delta.items() if n}
    if not delta:
        return
    FacetCount.objects.bulk_create(
        [FacetCount(kind=kind, value=value) for kind, value in delta],
        ignore_conflicts=True,
    )
    by_change = defaultdict(list)
    for (kind, value), n in delta.items():
        by_change[kind, n].append(value)
    for (kind, n), values in by_change.items():
        for batch in chunks(values):
            FacetCount.objects.filter(kind=kind, value__in=batch).update(
                count=F("count") + n
            )


# Related talks -------------------------------------------------------------


def _ranking(now):
    candidates = (
        Listing.objects.filter(kind=Kind.ALL)
        .exclude(expires_at__lte=now)
        .values_list("talk_id", "published_at", "expires_at")
    )
    return Ranking(candidates.order_by(), now)


def _tags_of(talk_ids=None):
    """{talk id: [tag ids]} (of published talks), and [(tag, talk)]."""
    rows = Listing.objects.filter(kind=Kind.TAG).order_by()
    found = defaultdict(list)
    batches = [None] if talk_ids is None else list(chunks(talk_ids))
    for batch in batches:
        some = rows if batch is None else rows.filter(talk__in=batch)
        for talk, tag in some.values_list("talk_id", "value"):
            found[talk].append(tag)
    return found


def _load_postings(ranking, tags):
    tags = [tag for tag in set(tags) if tag not in ranking.postings]
    taggings = []
    for batch in chunks(tags):
        taggings += Listing.objects.filter(kind=Kind.TAG, value__in=batch).values_list(
            "value", "talk_id"
        )
    ranking.add_tags(taggings)


def store_related(ranking, tags_of, talk_ids):
    """Rank these talks and replace their stored lists."""
    for batch in chunks(talk_ids):
        RelatedTalk.objects.filter(talk__in=batch).delete()
        RelatedList.objects.filter(talk__in=batch).delete()
    entries, lists = [], []
    for talk in talk_ids:
        if talk not in ranking:
            continue
        ranked, full = ranking.top(talk, sorted(tags_of.get(talk, ())))
        entries += [
            (talk, position, related, shared)
            for position, (related, shared) in enumerate(ranked, 1)
        ]
        last_related, last_shared = ranked[-1] if ranked else (None, 0)
        lists.append(
            RelatedList(
                talk_id=talk,
                full=full,
                last_shared=last_shared,
                last_related_id=last_related,
            )
        )
    insert_rows(RelatedTalk, ("talk", "position", "related", "shared"), entries)
    RelatedList.objects.bulk_create(lists, batch_size=CHUNK)


def update_related(moved):
    """Re-rank the moved talks, the talks listing them, and those they enter."""
    if not moved:
        return
    ranking = _ranking(timezone.now())
    affected = {talk for talk in moved if talk in ranking}
    if len(affected) > RERANK_ALL_OVER:
        # Every list is ranked again anyway: skip finding whom each moved
        # talk would enter, which costs moved × talks sharing a tag.
        return rebuild_related(ranking)
    tags_of = _tags_of(moved)
    _load_postings(ranking, [tag for tags in tags_of.values() for tag in tags])
    for batch in chunks(moved):
        affected.update(
            RelatedTalk.objects.filter(related__in=batch).values_list(
                "talk_id", flat=True
            )
        )
    # Who each moved talk would now enter: anyone sharing a tag whose list
    # has room, or whose last entry it outranks.
    shared_with = Counter()
    for talk in affected & set(moved):
        scores = Counter()
        for tag in tags_of.get(talk, ()):
            scores.update(_members(ranking, tag))
        del scores[talk]
        for other, shared in scores.items():
            shared_with[talk, other] = shared
    if shared_with:
        others = {other for _talk, other in shared_with}
        ends = {}
        rows = RelatedList.objects.values_list(
            "talk_id", "full", "last_shared", "last_related_id"
        )
        # Most of the corpus, when tags are few and shared: one read, not many.
        batches = [None] if len(others) > 10 * CHUNK else list(chunks(others))
        for batch in batches:
            some = rows if batch is None else rows.filter(talk__in=batch)
            for row in some:
                ends[row[0]] = row[1:]
        for (talk, other), shared in shared_with.items():
            full, last_shared, last_id = ends.get(other, (False, 0, None))
            if not full or ranking.beats(talk, shared, last_shared, last_id):
                affected.add(other)
    if len(affected) > RERANK_ALL_OVER:
        return rebuild_related()
    tags_of.update(_tags_of(affected - set(tags_of)))
    _load_postings(ranking, [tag for tags in tags_of.values() for tag in tags])
    store_related(ranking, tags_of, affected | set(moved))


def _members(ranking, tag):
    """The talks (ids) whose bit is set in the tag's posting."""
    bits = ranking.postings.get(tag, 0)
    data = bits.to_bytes((len(ranking.ids) + 7) // 8, "little")
    ids = ranking.ids
    return [
        ids[(i << 3) + b]
        for i, byte in enumerate(data)
        if byte
        for b in range(8)
        if byte >> b & 1
    ]


def rebuild_related(ranking=None):
    if ranking is None:
        ranking = _ranking(timezone.now())
    tags_of = _tags_of()
    _load_postings(ranking, [tag for tags in tags_of.values() for tag in tags])
    RelatedTalk.objects.all().delete()
    RelatedList.objects.all().delete()
    _store_all(ranking, tags_of)


def _store_all(ranking, tags_of):
    entries, lists = [], []
    for talk in ranking.ids:
        ranked, full = ranking.top(talk, sorted(tags_of.get(talk, ())))
        entries += [
            (talk, position, related, shared)
            for position, (related, shared) in enumerate(ranked, 1)
        ]
        last_related, last_shared = ranked[-1] if ranked else (None, 0)
        lists.append((talk, full, last_shared, last_related))
    insert_rows(RelatedTalk, ("talk", "position", "related", "shared"), entries)
    insert_rows(RelatedList, ("talk", "full", "last_shared", "last_related_id"), lists)


# Entry points ------------------------------------------------------------------


def update(talk_ids):
    """Exactly what these talks' change alters."""
    # Writers of the same talks wait for one another (PostgreSQL; SQLite
    # writes one at a time anyway), so each reads the rows the last one left.
    for batch in chunks(talk_ids):
        list(Talk.objects.select_for_update().filter(pk__in=batch).values_list("pk"))
    # Talks whose end came by the clock since they were listed leave their
    # lists with this change: the rows pages must still discount stay few.
    ended = Listing.objects.filter(kind=Kind.ALL, expires_at__lte=timezone.now())
    talk_ids = set(talk_ids) | set(ended.values_list("talk_id", flat=True))
    update_related(update_listings(talk_ids))


def rebuild():
    """Every listing, count and related list, from the talks."""
    Listing.objects.all().delete()
    FacetCount.objects.all().delete()
    rows = listing_rows()
    insert_rows(
        Listing,
        LISTING_FIELDS,
        [(talk, *row) for talk, talk_rows in rows.items() for row in talk_rows],
    )
    counts = Counter(row[:2] for talk_rows in rows.values() for row in talk_rows)
    FacetCount.objects.bulk_create(
        [FacetCount(kind=k, value=v, count=n) for (k, v), n in counts.items()],
        batch_size=CHUNK,
    )
    rebuild_related()
