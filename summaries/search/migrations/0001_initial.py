"""The search index and log, taken over from the core app with their data.

The tables were made by summaries 0003; this takes the models over (state
only), moves their content types from `summaries` to `search` and renames the
tables, with the vendor parts Django does not know: the SQLite FTS5 table and
the PostgreSQL GIN index on the `vector` column (which moves with its table).
Index names Django knows keep the names they were made with.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

MODELS = ("searchentry", "searchlog")

RENAMES = {
    "sqlite": [("TABLE", "summaries_search_fts", "search_fts")],
    "postgresql": [
        ("INDEX", "summaries_searchentry_vector_gin", "search_searchentry_vector_gin")
    ],
}


def rename_vendor_parts(forwards):
    def rename(apps, schema_editor):
        for kind, old, new in RENAMES.get(schema_editor.connection.vendor, ()):
            old, new = (old, new) if forwards else (new, old)
            schema_editor.execute(f"ALTER {kind} {old} RENAME TO {new}")

    return rename


def move_content_types(old_label, new_label):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        Permission = apps.get_model("auth", "Permission")
        db = schema_editor.connection.alias
        for model in MODELS:
            old = ContentType.objects.using(db).filter(app_label=old_label, model=model)
            if not old.exists():
                continue  # a database migrated before permissions were made
            stray = ContentType.objects.using(db).filter(
                app_label=new_label, model=model
            )
            Permission.objects.using(db).filter(content_type__in=stray).delete()
            stray.delete()
            old.update(app_label=new_label)

    return move


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("summaries", "0009_capabilities_become_apps"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SearchEntry",
                    fields=[
                        ("talk", models.OneToOneField(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name="search_entry", serialize=False, to="summaries.talk", verbose_name="講演")),
                        ("head", models.TextField(verbose_name="タイトルとタグ（正規化）")),
                        ("body", models.TextField(verbose_name="本文（正規化）")),
                        ("text", models.TextField(help_text="抜粋の表示に使う元の本文。1行に1項目。", verbose_name="本文")),
                    ],
                    options={
                        "verbose_name": "検索索引の行",
                        "verbose_name_plural": "検索索引",
                        "ordering": ["talk_id"],
                        "db_table": "summaries_searchentry",
                    },
                ),
                migrations.CreateModel(
                    name="SearchLog",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("query", models.CharField(help_text="正規化した検索語（全角・半角と大文字・小文字を統一）。", max_length=200, verbose_name="検索語")),
                        ("result_count", models.PositiveIntegerField(verbose_name="件数")),
                        ("searched_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="検索日時")),
                    ],
                    options={
                        "verbose_name": "検索の記録",
                        "verbose_name_plural": "検索の記録",
                        "ordering": ["-searched_at", "-pk"],
                        "db_table": "summaries_searchlog",
                        "indexes": [models.Index(fields=["searched_at", "query"], name="summaries_s_searche_c7112a_idx")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            move_content_types("summaries", "search"),
            move_content_types("search", "summaries"),
        ),
        migrations.AlterModelTable(name="searchentry", table=None),
        migrations.AlterModelTable(name="searchlog", table=None),
        migrations.RunPython(rename_vendor_parts(True), rename_vendor_parts(False)),
    ]
