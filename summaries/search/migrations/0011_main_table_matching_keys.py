"""SQLite: the main full-text table keeps only the word keys matching asks
for (words and readings anywhere); those of a field and of words standing
together, which only ranking reads, stay in the ranked fields' table alone
(`backends.sqlite.matching_keys`). Each talk's keys were written to both:
half of them twice, a quarter of all the tokens written when indexing.

The main table's tokens are written again from the stored rows, with no
analysis (`backends.sqlite.rewrite_main`, the code of the day: minutes at
100,000 talks). PostgreSQL keeps one vector per talk: nothing changes there.
"""

from django.db import migrations


def rewrite(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from summaries.search.backends import sqlite

    sqlite.rewrite_main()


class Migration(migrations.Migration):
    dependencies = [("search", "0010_recency")]

    operations = [migrations.RunPython(rewrite, migrations.RunPython.noop)]
