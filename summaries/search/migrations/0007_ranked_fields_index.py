"""SQLite: a second, small FTS5 table of the ranked columns, one column each.

Ranking asks, for every match, in which field a term stands as typed (title,
then title and tags, TL;DR, takeaways, Q&A). Answered with INSTR over the
stored folded columns, that read every matching row: 100 ms of the 280 ms
search page for 3,757 matches at 10,000 talks, 180 ms for 6,628. A phrase
query with a column filter (`{tldr} : "…"`) answers the same question from
an index in 1 to 6 ms. The main table (`search_fts`: head, body) stays as it
is; this one holds the same bigram streams for the five ranked columns only,
so its cost is small beside the body (transcripts).

Written out here (not imported) so that this migration never changes; the
token stream is `summaries.search.tokens.token_stream`. PostgreSQL keeps its
`strpos` over the folded columns: nothing to do there.

Migration 0002 reindexes with the code of the day, which writes this table
too: it calls `create` first, and the table is then made (and filled from
the rows as they stand) only once.
"""

import re

from django.db import migrations

TABLE = "search_fields"
COLUMNS = ("title", "head", "tldr", "takeaways", "qa")
HASHSIZE = 16 * 1024 * 1024
BATCH = 500
_GAPS = re.compile(r"[\W_]+")


def token_stream(folded):
    spaced = _GAPS.sub(" ", folded)
    return " ".join(a + b for a, b in zip(spaced, spaced[1:]))


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        if TABLE in connection.introspection.table_names(cursor):
            return
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
        f"{', '.join(COLUMNS)}, content='', columnsize=0, tokenize='ascii')"
    )
    schema_editor.execute(
        f"INSERT INTO {TABLE}({TABLE}, rank) VALUES('hashsize', %s)", [HASHSIZE]
    )
    SearchEntry = apps.get_model("search", "SearchEntry")
    rows = SearchEntry.objects.values_list("talk_id", *COLUMNS).order_by("talk_id")
    placeholders = ", ".join(["%s"] * (len(COLUMNS) + 1))
    statement = (
        f"INSERT INTO {TABLE} (rowid, {', '.join(COLUMNS)}) VALUES ({placeholders})"
    )
    batch = []
    with schema_editor.connection.cursor() as cursor:
        for talk_id, *texts in rows.iterator(chunk_size=BATCH):
            batch.append((talk_id, *map(token_stream, texts)))
            if len(batch) == BATCH:
                cursor.executemany(statement, batch)
                batch = []
        if batch:
            cursor.executemany(statement, batch)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [("search", "0006_fts_hashsize")]

    operations = [migrations.RunPython(create, drop)]
