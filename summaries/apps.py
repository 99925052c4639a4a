from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SummariesConfig(AppConfig):
    name = "summaries"
    verbose_name = _("講演サマリー")

    def ready(self):
        from . import signals  # noqa: F401  (connects the "talk changed" receivers)
        from .search import indexing  # noqa: F401  (keeps the search index in step)
