"""Counting in the database: one atomic upsert, shared by every worker.

`increment(parts, expires_at)` adds one to the row named by a keyed hash of
`parts` (HMAC with SECRET_KEY: the row names no address) and returns the new
count. Expired rows are deleted at most once a minute per process.
"""

import datetime as dt
import time

from django.db import connection
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import Counter

_SALT = "summaries.ratings.counters"
CLEAN_EVERY = 60.0
_cleaned_at = [float("-inf")]


def digest(*parts):
    return salted_hmac(
        _SALT, "\x1f".join(str(part) for part in parts), algorithm="sha256"
    ).hexdigest()


def increment(parts, expires_at):
    """Count one more under `parts` (until `expires_at`); the new count."""
    _clean()
    table = connection.ops.quote_name(Counter._meta.db_table)
    sql = (
        f"INSERT INTO {table} (digest, count, expires_at) VALUES (%s, 1, %s) "
        f"ON CONFLICT (digest) DO UPDATE SET count = {table}.count + 1 "
        "RETURNING count"
    )
    expires = connection.ops.adapt_datetimefield_value(expires_at)
    with connection.cursor() as cursor:
        cursor.execute(sql, [digest(*parts), expires])
        return cursor.fetchone()[0]


def _clean():
    now = time.monotonic()
    if now - _cleaned_at[0] < CLEAN_EVERY:
        return
    _cleaned_at[0] = now
    Counter.objects.filter(expires_at__lt=timezone.now()).delete()


def at(seconds):
    """The aware datetime of a Unix time."""
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
