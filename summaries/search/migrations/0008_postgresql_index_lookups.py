"""PostgreSQL: look talks up in the GIN index, never by reading every vector.

A talk's `vector` is large (some 49 KB at 10,000 generated talks) and lives
out of line (TOAST). The planner does not count reading it: the table looks
small (1,869 pages), so for `vector @@ query` it chose a sequential scan,
which unpacks every talk's vector: 1,000 ms for 防災 at 10,000 talks against
27 ms through the index, and the search page took seconds. PostgreSQL has
no query hints; a function's own settings are the supported way to plan one
statement differently. `search_talks` runs its lookup with sequential and
plain index scans off, which leaves the bitmap scan of the GIN index, and
confirms a term of three or more characters in the folded text of the
candidates only (`strpos`, exact; the index holds bigrams without
positions). Not inlined (it has settings), so it is planned on its own.

Written out here (not imported) so that this migration never changes.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION search_talks(query tsquery, confirm text DEFAULT NULL)
RETURNS SETOF bigint
LANGUAGE sql STABLE PARALLEL SAFE
SET enable_seqscan = off
SET enable_indexscan = off
ROWS 1000
AS $$
    SELECT talk_id FROM search_searchentry
    WHERE vector @@ query
      AND (confirm IS NULL OR strpos(head, confirm) > 0 OR strpos(body, confirm) > 0)
$$
"""
DROP = "DROP FUNCTION IF EXISTS search_talks(tsquery, text)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_ranked_fields_index")]

    operations = [migrations.RunPython(create, drop)]
