"""Readers' writes under contention: a busy database is retried, not reported.

Votes and answers arrive in bursts from many readers at once; on SQLite a
writer may outlast another's busy timeout, on PostgreSQL a transaction may be
chosen as a deadlock victim. Both are transient: try again after a short,
growing, random pause.
"""

import random
import time

from django.db import OperationalError, transaction

# SQLite says "database is locked" when another writer outlasted the busy
# timeout; PostgreSQL reports serialization failures and deadlocks by code.
_TRANSIENT_SQLSTATES = {"40001", "40P01"}


def is_transient(error):
    if "locked" in str(error) or "busy" in str(error):
        return True
    return getattr(error.__cause__, "sqlstate", None) in _TRANSIENT_SQLSTATES


def retry_when_busy(write, attempts=6):
    for attempt in range(1, attempts + 1):
        try:
            # A savepoint inside an outer transaction, so a retry starts clean.
            with transaction.atomic():
                return write()
        except OperationalError as error:
            if attempt == attempts or not is_transient(error):
                raise
            time.sleep(random.uniform(0.01, 0.05 * 2**attempt))
