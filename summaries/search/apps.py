from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "summaries.search"
    label = "search"
    verbose_name = _("検索")

    def ready(self):
        from django.db.models.signals import post_migrate

        from ..signals import talk_changed
        from . import indexing

        # The one update path: every change to talks reindexes them, inside the
        # writer's transaction (see indexing's docstring).
        talk_changed.connect(indexing.talks_changed, dispatch_uid="search-index")
        # `flush` empties the index rows but not the SQLite FTS table.
        post_migrate.connect(
            indexing.forget_orphan_tokens, sender=self, dispatch_uid="search-flush"
        )
        # Synonyms and pins change what a search finds: cached pages go stale.
        from django.db.models.signals import post_delete, post_save

        from ..pagecache.state import bump
        from .models import Pin, Synonym

        def changed(sender, **kwargs):
            bump()

        for model in (Synonym, Pin):
            for name, signal in (("save", post_save), ("delete", post_delete)):
                signal.connect(
                    changed,
                    sender=model,
                    weak=False,
                    dispatch_uid=f"search-{model.__name__}-{name}",
                )
