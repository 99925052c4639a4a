"""Versions of what cached pages show, one row per talk, tag, speaker, list."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('pagecache', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Dependency',
            fields=[
                ('name', models.CharField(max_length=100, primary_key=True, serialize=False, verbose_name='名前')),
                ('number', models.PositiveBigIntegerField(default=0, verbose_name='版')),
            ],
            options={
                'verbose_name': 'ページの依存先',
                'verbose_name_plural': 'ページの依存先',
            },
        ),
    ]
