import os

from django.apps import AppConfig
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class SummariesConfig(AppConfig):
    name = "summaries"
    verbose_name = _("講演サマリー")

    def ready(self):
        from . import signals  # noqa: F401  (connects the "talk changed" receivers)

        # Command-line tools (import_summary and the rest) speak Japanese unless
        # GOVDX_LANGUAGE=en says otherwise. Web requests take their language
        # from the URL whatever this says: LocaleMiddleware activates it anew.
        if language := os.environ.get("GOVDX_LANGUAGE"):
            translation.activate(language)
