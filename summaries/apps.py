import os

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class SummariesConfig(AppConfig):
    name = "summaries"
    verbose_name = _("講演サマリー")

    def ready(self):
        from . import history, redirects, signals  # noqa: F401  (connect receivers)
        from .search import indexing  # noqa: F401  (keeps the search index in step)

        history.register()
        # The 編集者 group is made by a data migration; a database flushed by
        # tests (or a new model's permissions) gets it back after any migrate.
        post_migrate.connect(ensure_editors_group, sender=self)

        # Command-line tools (import_summary and the rest) speak Japanese unless
        # GOVDX_LANGUAGE=en says otherwise. Web requests take their language
        # from the URL whatever this says: LocaleMiddleware activates it anew.
        if language := os.environ.get("GOVDX_LANGUAGE"):
            translation.activate(language)


def ensure_editors_group(sender, using="default", **kwargs):
    """The 編集者 group with its permissions (auth made them just before)."""
    import importlib

    from django.contrib.auth.models import Group, Permission

    migration = importlib.import_module("summaries.migrations.0002_editors_group")
    codenames = [
        f"{action}_{model}"
        for model, actions in migration.EDITOR_PERMISSIONS.items()
        for action in actions
    ]
    group, _created = Group.objects.using(using).get_or_create(name="編集者")
    group.permissions.add(
        *Permission.objects.using(using).filter(
            content_type__app_label="summaries", codename__in=codenames
        )
    )
