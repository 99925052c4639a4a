from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "summaries.pagecache"
    label = "pagecache"
    verbose_name = _("ページキャッシュ")

    def ready(self):
        from ..signals import talk_changed
        from .state import content_changed

        # Any change to a talk makes the cached pages stale, inside the writer's
        # transaction: the very next request, on any server, renders anew.
        talk_changed.connect(content_changed, dispatch_uid="pagecache-content-changed")
