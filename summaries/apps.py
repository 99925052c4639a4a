import os

from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_save
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class SummariesConfig(AppConfig):
    """The core: talks, their parts, tags, speakers, history and slugs.

    Every receiver the core needs is connected here, so this is the whole list.
    Capabilities (search, ratings, the page cache) connect theirs in their own
    `ready()`, listening to `signals.talk_changed`.
    """

    name = "summaries"
    verbose_name = _("講演サマリー")

    def ready(self):
        from . import history, redirects, roles, signals
        from .models import Talk
        from .models.talks import sync_video_id

        # Row-level saves and deletes of talk content -> `talk_changed`, and
        # `updated_at` follows it.
        signals.connect()
        # Talk.video_id follows video_url on every save, fixtures included.
        pre_save.connect(sync_video_id, sender=Talk, dispatch_uid="talk-video-id")
        # Old slugs answer with a redirect to the new address.
        redirects.connect()
        # Versions of a talk (django-reversion) follow its parts and tags.
        history.register()
        # Content loaded from a fixture gets its first version.
        signals.talk_changed.connect(
            history.first_versions_after_loading, dispatch_uid="first-versions"
        )
        # Groups are made by data migrations; a database flushed by tests (or a
        # new model's permissions) gets them back after any migrate.
        post_migrate.connect(roles.ensure_groups, dispatch_uid="summaries-groups")

        # Command-line tools (import_summary and the rest) speak Japanese unless
        # GOVDX_LANGUAGE=en says otherwise. Web requests take their language
        # from the URL whatever this says: LocaleMiddleware activates it anew.
        if language := os.environ.get("GOVDX_LANGUAGE"):
            translation.activate(language)
