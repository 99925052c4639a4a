"""PostgreSQL: the index rows' long columns compressed with LZ4.

A generated talk's index row holds some 130 KB before compression (its
text as written and folded, its word keys, its vector). PostgreSQL
compresses what it moves out of line with pglz by default; LZ4 does the
same several times faster, both ways: writing the whole index at 10,000
talks spent 41 s of the server's time with pglz and 28 s with LZ4, and
every search reads `head` and `body` back to confirm terms and make
snippets. Rows written before keep pglz until
rewritten (`rebuild_search_index`). Skipped where the server was built
without LZ4 (`default_toast_compression` does not offer it).

Written out here (not imported) so that this migration never changes.
"""

from django.db import migrations

TABLE = "search_searchentry"
COLUMNS = ("head", "body", "text", "title", "tldr", "takeaways", "qa", "keys", "vector")


def _has_lz4(connection):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings "
            "WHERE name = 'default_toast_compression'"
        )
        row = cursor.fetchone()
    return bool(row and row[0])


def _compress(method):
    def apply(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql" or not _has_lz4(connection):
            return
        for column in COLUMNS:
            schema_editor.execute(
                f'ALTER TABLE {TABLE} ALTER COLUMN "{column}" SET COMPRESSION {method}'
            )

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0008_postgresql_index_lookups")]

    operations = [migrations.RunPython(_compress("lz4"), _compress("DEFAULT"))]
