from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatingsConfig(AppConfig):
    """Readers' votes and "was this useful?" answers (see the package docstring).

    It listens to nothing: a vote changes no talk. Its own writes raise the
    page cache's version (`voting.record_vote`), because the figure shows on
    public pages.
    """

    name = "summaries.ratings"
    label = "ratings"
    verbose_name = _("読者の評価")
