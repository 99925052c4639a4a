"""Talk.video_id: the YouTube video a talk is about, one talk per video.

Filled from video_url on every save (summaries.models.talks.sync_video_id);
0011 fills it for the talks already here.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("summaries", "0009_capabilities_become_apps"),
    ]

    operations = [
        migrations.AddField(
            model_name="talk",
            name="video_id",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text=(
                    "動画のアドレスから取った YouTube の動画ID。"
                    "1つの動画に講演は1つです。"
                ),
                max_length=11,
                null=True,
                unique=True,
                verbose_name="動画のID",
            ),
        ),
    ]
