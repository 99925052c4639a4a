from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "summaries.pagecache"
    label = "pagecache"
    verbose_name = _("ページキャッシュ")

    def ready(self):
        from django.db.models.signals import post_delete

        from ..models import TaggedTalk, TalkSpeaker
        from ..signals import talk_changed
        from . import parts
        from .state import content_changed, link_removed

        # A change to a talk makes the pages showing it stale, inside the
        # writer's transaction: the very next request, on any server, renders
        # anew.
        talk_changed.connect(content_changed, dispatch_uid="pagecache-content-changed")
        # A fixture loaded over a talk keeps its updated_at: stored parts go.
        talk_changed.connect(parts.forget_raw, dispatch_uid="pagecache-stored-parts")
        # A tag or speaker taken off a talk: its own page listed the talk.
        for model in (TaggedTalk, TalkSpeaker):
            post_delete.connect(
                link_removed, sender=model, dispatch_uid=f"pagecache-{model.__name__}"
            )
