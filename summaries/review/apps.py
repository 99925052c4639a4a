from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "summaries.review"
    label = "review"
    verbose_name = _("レビューと承認")

    def ready(self):
        from ..signals import changes_due
        from .workflow import apply_due

        # The first read after an approved change's time applies it (no job).
        changes_due.connect(apply_due, dispatch_uid="review-apply-due")
