from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VideosConfig(AppConfig):
    """Talks from yt-dlp's files: the import_videos command and the admin's
    zip upload. Connects no receivers: its writes go through the core's
    history and `talk_changed`."""

    name = "summaries.videos"
    label = "videos"
    verbose_name = _("動画の取り込み")
