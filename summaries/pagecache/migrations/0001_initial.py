"""The content version, taken over from the core app with its row.

The table was made by summaries 0007; this takes the model over (state only),
moves its content type from `summaries` to `pagecache` and renames the table.
The constraint keeps the name it was made with.
"""

from django.db import migrations, models

MODELS = ("contentversion",)


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
                    name="ContentVersion",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("number", models.PositiveBigIntegerField(default=0, verbose_name="版")),
                    ],
                    options={
                        "verbose_name": "公開内容の版",
                        "verbose_name_plural": "公開内容の版",
                        "ordering": ["pk"],
                        "db_table": "summaries_contentversion",
                        "constraints": [models.CheckConstraint(condition=models.Q(("pk", 1)), name="summaries_contentversion_one_row")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            move_content_types("summaries", "pagecache"),
            move_content_types("pagecache", "summaries"),
        ),
        migrations.AlterModelTable(name="contentversion", table=None),
    ]
