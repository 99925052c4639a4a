"""Readers' votes and answers, taken over from the core app with their data.

The tables were made by summaries 0005; this takes the models over (state
only), moves their content types from `summaries` to `ratings` (permissions,
and the 編集者 group's rights, keep pointing at them) and renames the tables.
Index and constraint names keep the names they were made with.
"""

import django.db.models.deletion
from django.db import migrations, models

MODELS = ("feedback", "rating")


def move_content_types(old_label, new_label):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        Permission = apps.get_model("auth", "Permission")
        db = schema_editor.connection.alias
        for model in MODELS:
            old = ContentType.objects.using(db).filter(app_label=old_label, model=model)
            if not old.exists():
                continue  # a database migrated before permissions were made
            # A stray type already made under the new label (a partial earlier
            # run) gives way to the one every permission points at.
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
                    name="Feedback",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("helpful", models.BooleanField(verbose_name="役に立った")),
                        (
                            "comment",
                            models.TextField(
                                blank=True,
                                help_text="読者が書いた任意のコメント（500字まで）。",
                                max_length=500,
                                verbose_name="コメント",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                auto_now_add=True,
                                db_index=True,
                                verbose_name="受付日時",
                            ),
                        ),
                        (
                            "talk",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="feedback",
                                to="summaries.talk",
                                verbose_name="講演",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "ページの感想",
                        "verbose_name_plural": "ページの感想",
                        "ordering": ["-created_at", "-pk"],
                        "db_table": "summaries_feedback",
                    },
                ),
                migrations.CreateModel(
                    name="Rating",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "voter",
                            models.CharField(
                                editable=False,
                                help_text="ブラウザーごとに無作為に作った識別子のハッシュ。氏名やアドレスなど個人を特定する情報は保存しません。",
                                max_length=64,
                                verbose_name="投票者",
                            ),
                        ),
                        (
                            "score",
                            models.PositiveSmallIntegerField(
                                choices=[
                                    (1, "1 よくなかった"),
                                    (2, "2 あまりよくなかった"),
                                    (3, "3 ふつう"),
                                    (4, "4 よかった"),
                                    (5, "5 とてもよかった"),
                                ],
                                verbose_name="評価",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                auto_now_add=True, verbose_name="最初の投票日時"
                            ),
                        ),
                        (
                            "updated_at",
                            models.DateTimeField(
                                auto_now=True,
                                help_text="評価を変えたときはその時刻。",
                                verbose_name="投票日時",
                            ),
                        ),
                        (
                            "talk",
                            models.ForeignKey(
                                db_index=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="ratings",
                                to="summaries.talk",
                                verbose_name="講演",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "読者の評価",
                        "verbose_name_plural": "読者の評価",
                        "ordering": ["-updated_at", "-pk"],
                        "db_table": "summaries_rating",
                        "indexes": [
                            models.Index(
                                fields=["talk", "score"],
                                name="summaries_rating_talk_score",
                            ),
                            models.Index(
                                fields=["updated_at"], name="summaries_rating_updated"
                            ),
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("talk", "voter"),
                                name="summaries_rating_one_per_voter",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("score__gte", 1), ("score__lte", 5)
                                ),
                                name="summaries_rating_score_range",
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            move_content_types("summaries", "ratings"),
            move_content_types("ratings", "summaries"),
        ),
        migrations.AlterModelTable(name="feedback", table=None),
        migrations.AlterModelTable(name="rating", table=None),
    ]
