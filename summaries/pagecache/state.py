"""The state a cached page depends on: the content version and the clock.

`ContentVersion` is raised in the same transaction as every write the public
could see (through the core's `talk_changed`, and by readers' votes), so every
app server, whatever its cache, sees a change on its very next request. The
latest publication time that has come makes a scheduled talk appear the moment
it is due, with no job; the latest end (`expires_at`) that has passed makes an
expired talk disappear the same way. When an approved change waits for a time
that has come (`Talk.change_due_at`), the core's `changes_due` is sent first
(the review app applies the change, which raises the version) and the state
read again.
"""

import datetime as dt
import functools

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F, Subquery
from django.utils import timezone

from ..models import Talk
from ..signals import changes_due
from .models import ContentVersion

# Any fixed moment: it marks where "now" goes in the compiled state query.
_NOW_MARK = dt.datetime(2001, 2, 3, 4, 5, 6, tzinfo=dt.UTC)


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


def _read_state(now):
    sql, params, now_at = _compiled_state_query(DEFAULT_DB_ALIAS)
    connection = connections[DEFAULT_DB_ALIAS]
    params = params.copy()
    for i in now_at:
        params[i] = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return tuple(row) if row else (0, None, None, None)


def content_state():
    """(content version, latest publication time that has come, latest end
    that has passed). An approved change whose time has come is applied first."""
    now = timezone.now()
    number, latest, ended, due = _read_state(now)
    if due is not None:
        changes_due.send(sender=Talk, now=now)
        number, latest, ended, due = _read_state(now)
    return (number, latest, ended)


def bump():
    """Make every cached page stale: call inside the writing transaction."""
    if not ContentVersion.objects.filter(pk=1).update(number=F("number") + 1):
        ContentVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def content_changed(sender, talk_ids, **kwargs):
    """Receiver of the core's `talk_changed` (connected in PageCacheConfig.ready)."""
    bump()
