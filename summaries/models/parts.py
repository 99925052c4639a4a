"""The ordered parts of a talk: what the summary page lists under its headings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .base import OrderedPart, TimedPart


class Takeaway(OrderedPart):
    talk = models.ForeignKey(
        "summaries.Talk",
        on_delete=models.CASCADE,
        related_name="takeaways",
        verbose_name=_("講演"),
    )
    emoji = models.CharField(
        _("絵文字"),
        max_length=32,
        blank=True,
        help_text=_(
            "行頭の絵文字1つ。複数のコードポイントからなる絵文字もそのまま保存します。"
        ),
    )
    text = models.TextField(_("本文"))

    class Meta(OrderedPart.Meta):
        verbose_name = pgettext_lazy("singular", "要点")
        verbose_name_plural = pgettext_lazy("plural", "要点")

    def __str__(self):
        return f"{self.emoji} {self.text}".strip()


class Question(OrderedPart):
    talk = models.ForeignKey(
        "summaries.Talk",
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("講演"),
    )
    text = models.TextField(_("質問"))
    answer = models.TextField(_("回答"))

    class Meta(OrderedPart.Meta):
        verbose_name = pgettext_lazy("singular", "質問と回答")
        verbose_name_plural = pgettext_lazy("plural", "質問と回答")

    def __str__(self):
        return self.text


class OutlineChapter(TimedPart):
    talk = models.ForeignKey(
        "summaries.Talk",
        on_delete=models.CASCADE,
        related_name="outline",
        verbose_name=_("講演"),
    )
    title = models.CharField(_("見出し"), max_length=300)

    class Meta(TimedPart.Meta):
        verbose_name = _("アウトラインの章")
        verbose_name_plural = _("アウトライン")

    def __str__(self):
        return f"{self.timecode} {self.title}"


class Keyword(OrderedPart):
    talk = models.ForeignKey(
        "summaries.Talk",
        on_delete=models.CASCADE,
        related_name="keywords",
        verbose_name=_("講演"),
    )
    text = models.CharField(pgettext_lazy("singular", "キーワード"), max_length=200)

    class Meta(OrderedPart.Meta):
        verbose_name = pgettext_lazy("singular", "キーワード")
        verbose_name_plural = pgettext_lazy("plural", "キーワード")

    def __str__(self):
        return self.text


class Highlight(TimedPart):
    talk = models.ForeignKey(
        "summaries.Talk",
        on_delete=models.CASCADE,
        related_name="highlights",
        verbose_name=_("講演"),
    )
    text = models.TextField(_("引用"))

    class Meta(TimedPart.Meta):
        verbose_name = pgettext_lazy("singular", "ハイライト")
        verbose_name_plural = pgettext_lazy("plural", "ハイライト")

    def __str__(self):
        return f"{self.timecode} {self.text}"


class TranscriptSegment(TimedPart):
    talk = models.ForeignKey(
        "summaries.Talk",
        on_delete=models.CASCADE,
        related_name="transcript",
        verbose_name=_("講演"),
    )
    text = models.TextField(_("発言"))

    class Meta(TimedPart.Meta):
        verbose_name = _("文字起こしの区間")
        verbose_name_plural = _("文字起こし")

    def __str__(self):
        return f"{self.timecode} {self.text}"
