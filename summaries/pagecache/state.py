"""The state a cached page depends on: versions of what it shows, and the clock.

Two kinds of numbers live in the database and are raised in the same
transaction as the write that changes what they count:

- `ContentVersion` (one row): raised by every edit; the API's validators and
  `content_state()` read it.
- `Dependency` rows, one per thing a page shows (`talk:12`, `tag:3`,
  `speaker:5`, `lists`, `index`, `site`): a cached page keeps the names it
  was built from and their numbers, and is served only while they are
  unchanged. An edit raises its talks, their tags and speakers, the lists and
  the indexes; a vote raises its talk, its tags and speakers and the lists,
  not the tag and speaker indexes, feeds or sitemap, which show no rating.

With a shared cache (Redis), the numbers are mirrored there, so a hit reads no
database: a write deletes the mirrored numbers when it commits, and the next
reader on any server fetches them again. A mirror kept past a Redis fault is
bounded by MIRROR_TTL. Without a shared cache, each hit reads the numbers with
one query. The clock is part of every state, with no job: the latest
publication time that has come makes a scheduled talk appear the moment it is
due, and the latest end (`expires_at`) that has passed makes an expired talk
disappear the same way. When an approved change waits for a time that has
come (`Talk.change_due_at`), the core's `changes_due` is sent first (the
review app applies the change, which raises the versions) and the state read
again. In the mirror this part expires at the next such moment.
"""

import datetime as dt
import functools

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F, Min, Q, Subquery
from django.utils import timezone

from ..models import Talk
from ..signals import changes_due
from . import store
from .models import ContentVersion, Dependency

# Any fixed moment: it marks where "now" goes in the compiled state query.
_NOW_MARK = dt.datetime(2001, 2, 3, 4, 5, 6, tzinfo=dt.UTC)
SCHEDULE = "~schedule"
MIRROR_TTL = 10 * 60
ALWAYS = ("site",)


def _state_queryset(now):
    latest = (
        Talk.objects.published(now=now)
        .order_by("-published_at")
        .values("published_at")[:1]
    )
    ended = (
        Talk.objects.expired(now=now).order_by("-expires_at").values("expires_at")[:1]
    )
    due = Talk.objects.filter(change_due_at__lte=now).values("pk")[:1]
    return (
        ContentVersion.objects.filter(pk=1)
        .annotate(latest=Subquery(latest), ended=Subquery(ended), due=Subquery(due))
        .values_list("number", "latest", "ended", "due")
    )


@functools.cache
def _compiled_state_query(alias):
    """The state query's SQL, compiled once per database: on a cache hit it is
    the only work besides the cache read, and the ORM's compiling would
    otherwise cost more than running it."""
    sql, params = _state_queryset(_NOW_MARK).query.get_compiler(alias).as_sql()
    mark = connections[alias].ops.adapt_datetimefield_value(_NOW_MARK)
    return sql, list(params), [i for i, p in enumerate(params) if p == mark]


def _execute(sql, params, now_at, now, extra_params=()):
    connection = connections[DEFAULT_DB_ALIAS]
    params = params.copy()
    for i in now_at:
        params[i] = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *extra_params])
        return cursor.fetchall()


def _read_state(now):
    rows = _execute(*_compiled_state_query(DEFAULT_DB_ALIAS), now)
    return tuple(rows[0]) if rows else (0, None, None, None)


def content_state():
    """(content version, latest publication time that has come, latest end
    that has passed). An approved change whose time has come is applied first."""
    now = timezone.now()
    number, latest, ended, due = _read_state(now)
    if due is not None:
        changes_due.send(sender=Talk, now=now)
        number, latest, ended, due = _read_state(now)
    return (number, latest, ended)


def _read_versions(names, now):
    """Rows (name, number, number, latest, ended, due) for `names`, the state
    joined to each (one row with name None when none is stored)."""
    state_sql, params, now_at = _compiled_state_query(DEFAULT_DB_ALIAS)
    table = connections[DEFAULT_DB_ALIAS].ops.quote_name(Dependency._meta.db_table)
    holes = ", ".join(["%s"] * len(names)) or "NULL"
    sql = (
        f"SELECT d.name, d.number, s.* FROM (SELECT 1 AS one) o "
        f"LEFT JOIN ({state_sql}) s ON 1 = 1 "
        f"LEFT JOIN {table} d ON d.name IN ({holes})"
    )
    return _execute(sql, params, now_at, now, names)


def _from_database(names):
    """{name: number} for `names` (0 if never raised) and SCHEDULE (the
    clock's part of the state), in one query; an approved change whose time
    has come is applied first."""
    names = list(names)
    now = timezone.now()
    rows = _read_versions(names, now)
    if rows[0][5] is not None:  # a change is due
        changes_due.send(sender=Talk, now=now)
        rows = _read_versions(names, now)
    found = dict.fromkeys(names, 0)
    found.update({row[0]: row[1] for row in rows if row[0] is not None})
    found[SCHEDULE] = (_stamp(rows[0][3]), _stamp(rows[0][4]))
    return found


def _stamp(value):
    if value is None:
        return None
    if isinstance(value, str):  # SQLite hands back text in a raw query
        value = dt.datetime.fromisoformat(value)
    return value.timestamp()


def _mirror_key(name):
    return f"dep:{name}"


def versions(names):
    """The numbers of `names` and the schedule, as a tuple, in that order.

    From the shared cache when it has them (no query), else from the
    database (one query), mirrored for the next reader."""
    names = tuple(names)
    wanted = (*names, SCHEDULE)
    if not store.shared() or not store.available():
        found = _from_database(names)
        return tuple(found[name] for name in wanted)
    mirrored = store.get_tracked([_mirror_key(name) for name in wanted])
    found = {
        name: mirrored[_mirror_key(name)]
        for name in wanted
        if _mirror_key(name) in mirrored
    }
    missing = [name for name in names if name not in found]
    if missing or SCHEDULE not in found:
        fresh = _from_database(missing)
        store.set_many({_mirror_key(name): fresh[name] for name in missing}, MIRROR_TTL)
        if SCHEDULE not in found:
            store.set(_mirror_key(SCHEDULE), fresh[SCHEDULE], _until_next())
        found.update(fresh)
    return tuple(found[name] for name in wanted)


def _until_next():
    """Seconds until the clock next changes what the public sees: a
    scheduled publication, an end, an approved change (at most MIRROR_TTL)."""
    now = timezone.now()
    upcoming = Talk.objects.aggregate(
        published=Min("published_at", filter=Q(published_at__gt=now)),
        ends=Min("expires_at", filter=Q(expires_at__gt=now)),
        due=Min("change_due_at", filter=Q(change_due_at__gt=now)),
    )
    moments = [moment for moment in upcoming.values() if moment is not None]
    if not moments:
        return MIRROR_TTL
    seconds = (min(moments) - now).total_seconds()
    return max(1, min(MIRROR_TTL, int(seconds) + 1))


def raise_versions(names):
    """Raise these dependencies, inside the writing transaction; the shared
    cache's copies are dropped when it commits."""
    names = sorted(set(names))
    if not names:
        return
    connection = connections[DEFAULT_DB_ALIAS]
    table = connection.ops.quote_name(Dependency._meta.db_table)
    rows = ", ".join(["(%s, 1)"] * len(names))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (name, number) VALUES {rows} "
            f"ON CONFLICT (name) DO UPDATE SET number = {table}.number + 1",
            names,
        )
    keys = [_mirror_key(name) for name in names]
    if any(name in ("site", "lists", "index") for name in names):
        keys.append(_mirror_key(SCHEDULE))  # a publication time may have moved
    transaction.on_commit(lambda: store.delete_many(keys))


def _raise_content_version():
    if not ContentVersion.objects.filter(pk=1).update(number=F("number") + 1):
        ContentVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def bump():
    """Make every cached page stale (an index rebuild…): call inside the
    writing transaction."""
    _raise_content_version()
    raise_versions(ALWAYS)


def talk_names(talk_ids):
    """What pages showing these talks depend on: the talks, their tags and
    speakers (two queries)."""
    from ..models import TaggedTalk, TalkSpeaker

    talk_ids = list(talk_ids)
    tags = TaggedTalk.objects.filter(content_object_id__in=talk_ids).values_list(
        "tag_id", flat=True
    )
    speakers = TalkSpeaker.objects.filter(talk_id__in=talk_ids).values_list(
        "speaker_id", flat=True
    )
    return (
        [f"talk:{pk}" for pk in talk_ids]
        + [f"tag:{pk}" for pk in set(tags)]
        + [f"speaker:{pk}" for pk in set(speakers)]
    )


def content_changed(sender, talk_ids, **kwargs):
    """Receiver of the core's `talk_changed` (connected in PageCacheConfig.ready):
    the talks, their tags and speakers, the lists and the indexes."""
    _raise_content_version()
    raise_versions([*talk_names(talk_ids), "lists", "index"])


def link_removed(sender, instance, **kwargs):
    """A tag or speaker taken off a talk: its page listed the talk."""
    if hasattr(instance, "tag_id"):
        raise_versions([f"tag:{instance.tag_id}"])
    if hasattr(instance, "speaker_id"):
        raise_versions([f"speaker:{instance.speaker_id}"])


def vote_changed(talk):
    """A vote: the talk's figure shows on its page, on the pages of its tags
    and speakers (cards, related talks) and on the lists; not on the tag and
    speaker indexes, the feeds or the sitemap."""
    raise_versions([*talk_names([talk.pk]), "lists"])
