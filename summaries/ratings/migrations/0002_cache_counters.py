"""Counters for limits: in the database, shared by every worker, never evicted."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ratings", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Counter",
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
                    "digest",
                    models.CharField(
                        max_length=64, unique=True, verbose_name="鍵付きハッシュ"
                    ),
                ),
                ("count", models.PositiveIntegerField(default=0, verbose_name="回数")),
                (
                    "expires_at",
                    models.DateTimeField(db_index=True, verbose_name="期限"),
                ),
            ],
            options={
                "verbose_name": "送信回数",
                "verbose_name_plural": "送信回数",
            },
        ),
    ]
