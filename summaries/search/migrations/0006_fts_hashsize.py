"""SQLite: the full-text index buffers 16 MB of new tokens before it writes a
segment (FTS5's `hashsize`, 1 MB by default).

A talk brings some 5,000 tokens (bigrams and word keys); with the default the
index writes many small segments and merges them again, which was most of the
time of indexing thousands of talks: 10,000 generated talks took 56.5 s, and
47.7 s with this. Fewer segments also make queries read fewer. The setting is
kept in the index's own config table; PostgreSQL has nothing like it.
"""

from django.db import migrations

HASHSIZE = 16 * 1024 * 1024


def set_hashsize(apps, schema_editor, value=HASHSIZE):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(
        "INSERT INTO search_fts(search_fts, rank) VALUES('hashsize', %s)", [value]
    )


def reset_hashsize(apps, schema_editor):
    set_hashsize(apps, schema_editor, value=1024 * 1024)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_ranked_columns_first")]

    operations = [migrations.RunPython(set_hashsize, reset_hashsize)]
