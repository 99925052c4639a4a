"""The query planner's statistics, refreshed after many rows are written.

PostgreSQL chooses how to run each query from statistics about its tables
(row counts, common values), gathered by ANALYZE. Autovacuum runs it some
time after many rows change, or never where autovacuum is off (as on the
machines this project's CI runs on). With the statistics of 1,000 talks,
pages of a site grown to 100,000 took 100–460 ms to render instead of
9–16 ms (`make bench`, bench_render). So a command that writes many rows
at once (`generate_talks`, `rebuild_search_index`) refreshes them before it
ends. ANALYZE reads a sample of each table (30,000 rows at most), so it
takes seconds whatever the size.

SQLite plans from its indexes alone unless told otherwise, and its pages
stay flat from 1,000 to 100,000 talks without statistics: left as it is.
"""

from django.db import connection


def refresh_statistics():
    """ANALYZE every table (PostgreSQL); nothing elsewhere."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
