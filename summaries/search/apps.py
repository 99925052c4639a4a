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
