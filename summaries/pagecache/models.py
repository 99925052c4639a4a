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


class Dependency(models.Model):
    """The version of one thing cached pages show: a talk (`talk:12`), a tag
    (`tag:3`), a speaker (`speaker:5`), the lists (`lists`), the indexes
    (`index`) or the whole site (`site`).

    A cached page records the names it was built from and their numbers; it
    is served only while every number is unchanged. A write raises the names
    it touches, in its own transaction, so a change shows on the very next
    request on every server, and pages that show nothing of it stay cached.
    """

    name = models.CharField(_("名前"), max_length=100, primary_key=True)
    number = models.PositiveBigIntegerField(_("版"), default=0)

    class Meta:
        verbose_name = _("ページの依存先")
        verbose_name_plural = _("ページの依存先")

    def __str__(self):
        return f"{self.name}: {self.number}"


class StoredRendering(models.Model):
    """Something a talk shows, rendered once in one language and kept with
    the stamp it was rendered from (`pagecache.parts`).

    The stamp holds the talk's `updated_at`, which every change the public
    could see moves, in the writer's transaction (a renamed tag, speaker or
    channel included: `signals.talk_changed`); a row whose stamp differs is
    rendered anew by the next reader, so it is never served stale.
    """

    talk = models.ForeignKey(
        "summaries.Talk",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("講演"),
    )
    language = models.CharField(_("言語"), max_length=10)
    stamp = models.CharField(_("作成元"), max_length=100)
    content = models.JSONField(_("内容"))

    class Meta:
        abstract = True
        ordering = ["talk", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["talk", "language"], name="%(app_label)s_%(class)s_unique"
            )
        ]

    def __str__(self):
        return f"{self.talk_id} ({self.language})"


class StoredPart(StoredRendering):
    """A talk page's parts that show only the talk (its header, summary,
    parts, mind map, transcript and tags)."""

    class Meta(StoredRendering.Meta):
        verbose_name = _("保存済みの表示部分")
        verbose_name_plural = _("保存済みの表示部分")


class StoredCard(StoredRendering):
    """A talk's card, as every list of talks shows it (views/cards.py). The
    rating, which votes change without changing the talk, and the heading
    level are put in as the card is shown."""

    class Meta(StoredRendering.Meta):
        verbose_name = _("保存済みの講演カード")
        verbose_name_plural = _("保存済みの講演カード")
