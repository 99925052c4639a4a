from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SummariesConfig(AppConfig):
    name = "summaries"
    verbose_name = _("講演サマリー")

    def ready(self):
        from . import history, redirects, signals  # noqa: F401  (connect receivers)

        history.register()
