"""Ties in the ranking by one stored number, and SQLite's ranked fields keyed by it.

`SearchEntry.recency` is the talk's publication time in whole seconds and
its id (`models.recency_key`): both databases order ties by it alike. On
SQLite the ranked fields' table (`search_fields`, migration 0007) is made
again with its rows keyed by that number and the talk's word keys in a
column of their own, so that one band of the ranking is read newest first
and stops once a page is full (`backends.sqlite.best_first`).

The whole index is then rebuilt with the code of the day (as
`rebuild_search_index` does; minutes at 100,000 talks), on SQLite. A later
migration that changes the index's layout must rebuild instead, and this one
then only makes the table: on PostgreSQL, search 0012 moved the vectors to a
table of their own and rebuilds there (what this one wrote would not fit
the code of the day).
"""

import os

from django.db import migrations, models

ROWS = "search_searchentry"
# As 0005: the short columns first (ranking and ties read them for every
# match), the long ones last, in the table and in the migration state.
ORDER = (
    ("head", "text"),
    ("title", "text"),
    ("tldr", "text"),
    ("takeaways", "text"),
    ("qa", "text"),
    ("recency", "bigint"),
    ("body", "text"),
    ("text", "text"),
    ("keys", "text"),
)
LONG = {
    "body": models.TextField(verbose_name="本文（正規化）"),
    "text": models.TextField(
        help_text="抜粋の表示に使う元の本文。1行に1項目。", verbose_name="本文"
    ),
    "keys": models.TextField(
        blank=True,
        default="",
        help_text="形態素解析で得た語・読み・隣り合う語の索引キー（空白区切り）。",
        verbose_name="語のキー",
    ),
}
TABLE = "search_fields"
COLUMNS = ("title", "head", "tldr", "takeaways", "qa", "words")
HASHSIZE = 16 * 1024 * 1024


def make_table(schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
        f"{', '.join(COLUMNS)}, content='', columnsize=0, tokenize='ascii')"
    )
    schema_editor.execute(
        f"INSERT INTO {TABLE}({TABLE}, rank) VALUES('hashsize', %s)", [HASHSIZE]
    )


def rows_in_order(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    names = ", ".join(f'"{name}"' for name in ("talk_id", *dict(ORDER)))
    definitions = ", ".join(f'"{name}" {kind} NOT NULL' for name, kind in ORDER)
    schema_editor.execute(
        f'CREATE TABLE "{ROWS}__ordered" '
        f'("talk_id" bigint NOT NULL PRIMARY KEY, {definitions})'
    )
    schema_editor.execute(
        f'INSERT INTO "{ROWS}__ordered" ({names}) SELECT {names} FROM "{ROWS}"'
    )
    schema_editor.execute(f'DROP TABLE "{ROWS}"')
    schema_editor.execute(f'ALTER TABLE "{ROWS}__ordered" RENAME TO "{ROWS}"')


def forward(apps, schema_editor):
    from summaries.search import indexing
    from summaries.search.backends import get_backend

    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return  # rebuilt by search 0012
    # The main table's tokens are forgotten by `clear` below; the old
    # fields table goes whole.
    make_table(schema_editor)
    Talk = apps.get_model("summaries", "Talk")
    SearchEntry = apps.get_model("search", "SearchEntry")
    get_backend(connection).clear()
    SearchEntry.objects.all().delete()
    ids = list(Talk.objects.values_list("pk", flat=True))
    if ids:
        # On every core, as rebuild_search_index does.
        indexing.index_talks(ids, workers=os.cpu_count())


def backward(apps, schema_editor):
    from importlib import import_module

    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")
    old = import_module("summaries.search.migrations.0007_ranked_fields_index")
    old.create(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0009_postgresql_lz4")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="recency",
            field=models.BigIntegerField(
                default=0,
                help_text="公開日時（秒）と講演IDから作る並び順の値。索引が書きます。",
                verbose_name="新しさの順",
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                *(
                    migrations.RemoveField(model_name="searchentry", name=name)
                    for name in LONG
                ),
                *(
                    migrations.AddField(
                        model_name="searchentry",
                        name=name,
                        field=field,
                        preserve_default=name == "keys",
                    )
                    for name, field in LONG.items()
                ),
            ],
            database_operations=[
                migrations.RunPython(rows_in_order, migrations.RunPython.noop)
            ],
        ),
        migrations.RunPython(forward, backward),
    ]
