"""The state a cached page depends on: the content version and the clock.

`ContentVersion` is raised in the same transaction as every write the public
could see (through the core's `talk_changed`, and by readers' votes), so every
app server, whatever its cache, sees a change on its very next request. The
latest publication time that has come makes a scheduled talk appear the moment
it is due, with no job.
"""

import datetime as dt
import functools

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F, Subquery
from django.utils import timezone

from ..models import Talk
from .models import ContentVersion

# Any fixed moment: it marks where "now" goes in the compiled state query.
_NOW_MARK = dt.datetime(2001, 2, 3, 4, 5, 6, tzinfo=dt.UTC)


def _state_queryset(now):
    latest = (
        Talk.objects.published(now=now)
        .order_by("-published_at")
        .values("published_at")[:1]
    )
    return (
        ContentVersion.objects.filter(pk=1)
        .annotate(latest=Subquery(latest))
        .values_list("number", "latest")
    )


@functools.cache
def _compiled_state_query(alias):
    """The state query's SQL, compiled once per database: on a cache hit it is
    the only work besides the cache read, and the ORM's compiling would
    otherwise cost more than running it."""
    sql, params = _state_queryset(_NOW_MARK).query.get_compiler(alias).as_sql()
    mark = connections[alias].ops.adapt_datetimefield_value(_NOW_MARK)
    return sql, list(params), params.index(mark)


def content_state():
    """(content version, latest publication time that has come)."""
    sql, params, now_at = _compiled_state_query(DEFAULT_DB_ALIAS)
    connection = connections[DEFAULT_DB_ALIAS]
    params = params.copy()
    params[now_at] = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return tuple(row) if row else (0, None)


def bump():
    """Make every cached page stale: call inside the writing transaction."""
    if not ContentVersion.objects.filter(pk=1).update(number=F("number") + 1):
        ContentVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def content_changed(sender, talk_ids, **kwargs):
    """Receiver of the core's `talk_changed` (connected in PageCacheConfig.ready)."""
    bump()
