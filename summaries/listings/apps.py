from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListingsConfig(AppConfig):
    name = "summaries.listings"
    label = "listings"
    verbose_name = _("一覧の集計")

    def ready(self):
        from ..signals import talk_changed
        from .maintain import talks_changed

        # Lists, counts and related talks follow every change, in the writer's
        # transaction, so pages read them in a few bounded queries.
        talk_changed.connect(talks_changed, dispatch_uid="listings-talks-changed")
