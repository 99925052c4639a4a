"""Search, ratings and the page cache become apps of their own.

Their tables stay where they are; only Django's idea of who owns them changes
here (state only). Each new app's first migration takes the models over, moves
their content types (so permissions, and the groups holding them, follow) and
renames the tables to the app's prefix. Tag names get a field class of their
own (summaries.models.tags.TagNameField): same column, no database change.
"""

from django.db import migrations

import summaries.models.tags


class Migration(migrations.Migration):
    dependencies = [
        ("summaries", "0008_content_version_ordering"),
    ]

    operations = [
        migrations.AlterField(
            model_name="tag",
            name="name",
            field=summaries.models.tags.TagNameField(
                max_length=100, unique=True, verbose_name="名前"
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ContentVersion"),
                migrations.DeleteModel(name="Feedback"),
                migrations.DeleteModel(name="Rating"),
                migrations.DeleteModel(name="SearchEntry"),
                migrations.DeleteModel(name="SearchLog"),
            ],
            database_operations=[],
        ),
    ]
