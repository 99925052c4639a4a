"""PostgreSQL: the vectors in a narrow table of their own, with each talk's recency.

The index rows (`search_searchentry`) keep the ranked columns in line, some
2 KB a talk: at 100,000 talks the table is larger than PostgreSQL's default
buffer cache, and counting the 38,320 matches of 防災 read a heap page for
nearly every one of them (226 ms, more than a whole search page may take).
`search_vectors` holds only the talk's id, its recency and its vector (out
of line, LZ4 where the server has it): a few hundred rows a page, so a count
or a list of candidates reads a few hundred pages, and the candidates of
one band of the ranking come with the number that orders them
(`backends.postgresql.best_of`).

Rows that search 0010 left without their recency (0: that migration no
longer rebuilds on PostgreSQL) are rebuilt with the code of the day (as
`rebuild_search_index` does; minutes at 100,000 talks); rows that have it
keep their vectors, copied. A later migration that changes the index's
layout must rebuild instead, and this one then only makes the table.

`search_talks` reads the new table; `search_candidates` (new) lists the
rows of a query with their recency. Both plan their lookup with sequential
and plain index scans off (see 0008). The rows of talks removed from the
index are removed by the backend (`remove`, `clear`), as SQLite's FTS5
tables are: no foreign key, so that Django's `flush` can truncate the index
rows.

Written out here (not imported) so that this migration never changes.
"""

from importlib import import_module

from django.db import migrations

ROWS = "search_searchentry"
VECTORS = "search_vectors"
INDEX = "search_vectors_gin"
OLD_INDEX = "search_searchentry_vector_gin"
SETTINGS = """
LANGUAGE sql STABLE PARALLEL SAFE
SET enable_seqscan = off
SET enable_indexscan = off
ROWS 1000
"""
# A step: the `vector` column of this table compressed with LZ4, where the
# server has it (as search 0009 did for the other long columns).
LZ4 = "lz4"
FORWARD = [
    f"""CREATE TABLE {VECTORS} (
        talk_id bigint PRIMARY KEY,
        recency bigint NOT NULL,
        vector tsvector NOT NULL
    )""",
    (LZ4, VECTORS),
    f"INSERT INTO {VECTORS} SELECT talk_id, recency, vector FROM {ROWS}",
    f"CREATE INDEX {INDEX} ON {VECTORS} USING gin (vector)",
    f"ALTER TABLE {ROWS} DROP COLUMN vector",
    f"""CREATE OR REPLACE FUNCTION search_talks(query tsquery, confirm text DEFAULT NULL)
    RETURNS SETOF bigint {SETTINGS} AS $$
        SELECT v.talk_id FROM {VECTORS} v
        WHERE v.vector @@ query AND confirm IS NULL
        UNION ALL
        SELECT v.talk_id FROM {VECTORS} v JOIN {ROWS} e ON e.talk_id = v.talk_id
        WHERE v.vector @@ query AND confirm IS NOT NULL
          AND (strpos(e.head, confirm) > 0 OR strpos(e.body, confirm) > 0)
    $$""",
    f"""CREATE FUNCTION search_candidates(query tsquery)
    RETURNS TABLE (talk_id bigint, recency bigint) {SETTINGS} AS $$
        SELECT v.talk_id, v.recency FROM {VECTORS} v WHERE v.vector @@ query
    $$""",
]
BACKWARD = [
    "DROP FUNCTION IF EXISTS search_candidates(tsquery)",
    f"ALTER TABLE {ROWS} ADD COLUMN vector tsvector NOT NULL DEFAULT ''",
    f"ALTER TABLE {ROWS} ALTER COLUMN vector DROP DEFAULT",
    (LZ4, ROWS),
    f"UPDATE {ROWS} e SET vector = v.vector FROM {VECTORS} v WHERE v.talk_id = e.talk_id",
    f"CREATE INDEX {OLD_INDEX} ON {ROWS} USING gin (vector)",
    f"DROP TABLE {VECTORS}",
    f"""CREATE OR REPLACE FUNCTION search_talks(query tsquery, confirm text DEFAULT NULL)
    RETURNS SETOF bigint {SETTINGS} AS $$
        SELECT talk_id FROM {ROWS}
        WHERE vector @@ query
          AND (confirm IS NULL OR strpos(head, confirm) > 0 OR strpos(body, confirm) > 0)
    $$""",
]


def _run(steps):
    def apply(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        lz4 = import_module("summaries.search.migrations.0009_postgresql_lz4")
        has_lz4 = lz4._has_lz4(connection)
        for step in steps:
            if isinstance(step, str):
                schema_editor.execute(step)
            elif has_lz4:
                schema_editor.execute(
                    f"ALTER TABLE {step[1]} ALTER COLUMN vector SET COMPRESSION lz4"
                )

    return apply


def forward(apps, schema_editor):
    import os

    from summaries.search import indexing

    if schema_editor.connection.vendor != "postgresql":
        return
    _run(FORWARD)(apps, schema_editor)
    SearchEntry = apps.get_model("search", "SearchEntry")
    if SearchEntry.objects.filter(recency=0).exists():
        Talk = apps.get_model("summaries", "Talk")
        schema_editor.execute(f"DELETE FROM {VECTORS}")
        SearchEntry.objects.all().delete()
        # On every core, as rebuild_search_index does.
        indexing.index_talks(
            list(Talk.objects.values_list("pk", flat=True)), workers=os.cpu_count()
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0011_main_table_matching_keys")]

    operations = [migrations.RunPython(forward, _run(BACKWARD))]
