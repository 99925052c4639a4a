"""Old addresses of talks and tags, so a renamed slug never breaks a link."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SlugRedirect(models.Model):
    """An address an object used to have; it answers with a 301 to the current one.

    The row points at the object, not at the next slug, so a chain of renames
    (a → b → c) is always one hop, and a slug that comes back into use stops
    redirecting (see summaries/redirects.py).
    """

    old_slug = models.CharField(_("以前のスラッグ"), max_length=200)
    created_at = models.DateTimeField(_("変更日時"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["old_slug", "pk"]

    def __str__(self):
        return f"{self.old_slug} → {self.target.slug}"


class TalkSlugRedirect(SlugRedirect):
    talk = models.ForeignKey(
        "summaries.Talk",
        on_delete=models.CASCADE,
        related_name="slug_redirects",
        verbose_name=_("講演"),
    )

    class Meta(SlugRedirect.Meta):
        verbose_name = pgettext_lazy("singular", "講演の旧アドレス")
        verbose_name_plural = pgettext_lazy("plural", "講演の旧アドレス")
        constraints = [
            models.UniqueConstraint(
                fields=["old_slug"], name="summaries_talkslugredirect_unique_slug"
            ),
        ]

    @property
    def target(self):
        return self.talk


class TagSlugRedirect(SlugRedirect):
    tag = models.ForeignKey(
        "summaries.Tag",
        on_delete=models.CASCADE,
        related_name="slug_redirects",
        verbose_name=pgettext_lazy("singular", "タグ"),
    )

    class Meta(SlugRedirect.Meta):
        verbose_name = pgettext_lazy("singular", "タグの旧アドレス")
        verbose_name_plural = pgettext_lazy("plural", "タグの旧アドレス")
        constraints = [
            models.UniqueConstraint(
                fields=["old_slug"], name="summaries_tagslugredirect_unique_slug"
            ),
        ]

    @property
    def target(self):
        return self.tag
