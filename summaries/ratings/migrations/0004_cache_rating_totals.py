"""Each talk's vote count and score sum, filled from the votes already cast."""

import django.db.models.deletion
from django.db import migrations, models


def fill_totals(apps, schema_editor):
    from django.db.models import Count, Sum

    Rating = apps.get_model("ratings", "Rating")
    RatingTotal = apps.get_model("ratings", "RatingTotal")
    db = schema_editor.connection.alias
    rows = (
        Rating.objects.using(db)
        .order_by()
        .values("talk")
        .annotate(count=Count("pk"), total=Sum("score"))
    )
    RatingTotal.objects.using(db).bulk_create(
        RatingTotal(talk_id=row["talk"], count=row["count"], total=row["total"])
        for row in rows
    )


class Migration(migrations.Migration):

    dependencies = [
        ('ratings', '0003_merge_counters_and_feedback_rights'),
        ('summaries', '0009_capabilities_become_apps'),
    ]

    operations = [
        migrations.CreateModel(
            name='RatingTotal',
            fields=[
                ('talk', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='rating_totals', serialize=False, to='summaries.talk', verbose_name='講演')),
                ('count', models.PositiveIntegerField(default=0, verbose_name='評価数')),
                ('total', models.PositiveIntegerField(default=0, verbose_name='評価の合計')),
            ],
            options={
                'verbose_name': '評価の集計',
                'verbose_name_plural': '評価の集計',
            },
        ),
        migrations.RunPython(fill_totals, migrations.RunPython.noop),
    ]
