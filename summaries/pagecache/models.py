"""Site-wide state that is not content itself."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ContentVersion(models.Model):
    """A counter raised by every change the public could see (one row).

    It lives in the database, not the cache, so that every app server, whatever
    its cache, sees a change on its very next request.
    """

    number = models.PositiveBigIntegerField(_("版"), default=0)

    class Meta:
        ordering = ["pk"]
        verbose_name = pgettext_lazy("singular", "公開内容の版")
        verbose_name_plural = pgettext_lazy("plural", "公開内容の版")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pk=1), name="summaries_contentversion_one_row"
            )
        ]

    def __str__(self):
        return str(self.number)
