"""The index rows' small ranked columns first, the long ones last.

Ranking reads title, tags, TL;DR, takeaways and Q&A of every matching row.
SQLite keeps a row's columns in order and moves what does not fit a page to
a chain of overflow pages, so a column behind the body, the text and the
word keys (some 27 KB in all) costs a walk down that chain: 84 ms for 3,810
rows at 10,000 talks, against 21 ms with the ranked columns first. Here the
SQLite table is rebuilt in that order; the migration state lists the fields
in the same order, so a later table rebuild by Django keeps it. PostgreSQL
keeps long values out of line (TOAST) whatever their place: nothing to do.
"""

from django.db import migrations, models

ORDER = ("head", "title", "tldr", "takeaways", "qa", "body", "text", "keys")


def fields():
    return {
        "head": models.TextField(verbose_name="タイトルとタグ（正規化）"),
        "title": models.TextField(
            blank=True, default="", verbose_name="タイトル（正規化）"
        ),
        "tldr": models.TextField(blank=True, default="", verbose_name="要約（正規化）"),
        "takeaways": models.TextField(
            blank=True, default="", verbose_name="要点（正規化）"
        ),
        "qa": models.TextField(blank=True, default="", verbose_name="質疑応答（正規化）"),
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


def rebuild_in_order(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    table = "search_searchentry"
    columns = ", ".join(f'"{name}"' for name in ("talk_id", *ORDER))
    definitions = ", ".join(f'"{name}" text NOT NULL' for name in ORDER)
    schema_editor.execute(
        f'CREATE TABLE "{table}__ordered" '
        f'("talk_id" bigint NOT NULL PRIMARY KEY, {definitions})'
    )
    schema_editor.execute(
        f'INSERT INTO "{table}__ordered" ({columns}) SELECT {columns} FROM "{table}"'
    )
    schema_editor.execute(f'DROP TABLE "{table}"')
    schema_editor.execute(f'ALTER TABLE "{table}__ordered" RENAME TO "{table}"')


class Migration(migrations.Migration):
    dependencies = [("search", "0004_searchlog_typed")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                *(
                    migrations.RemoveField(model_name="searchentry", name=name)
                    for name in ORDER
                ),
                *(
                    migrations.AddField(
                        model_name="searchentry",
                        name=name,
                        field=field,
                        preserve_default=name not in ("head", "body", "text"),
                    )
                    for name, field in fields().items()
                ),
            ],
            database_operations=[
                migrations.RunPython(rebuild_in_order, migrations.RunPython.noop)
            ],
        )
    ]
