"""What the last import of each video wrote, to compare with on the next one;
and zip uploads waiting for the editor's confirmation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class VideoImport(models.Model):
    """One talk made from (or refreshed by) a video's files.

    `imported` holds, per field, what the import last wrote: the values of
    title, video_date (ISO), duration_seconds and channel, and a digest of
    each part (tldr, takeaways, questions, outline, transcript, tags), and
    `caption_sha`, a digest of the caption file read. A field that no longer
    holds it was changed by an editor and is left alone."""

    class CaptionKind(models.TextChoices):
        MANUAL = "manual", _("手動（投稿者の字幕）")
        AUTOMATIC = "automatic", _("自動（YouTube の自動字幕）")
        NONE = "", _("なし")

    talk = models.OneToOneField(
        "summaries.Talk",
        on_delete=models.CASCADE,
        related_name="video_import",
        verbose_name=pgettext_lazy("singular", "講演"),
    )
    imported = models.JSONField(_("取り込んだ値"), default=dict, editable=False)
    caption_language = models.CharField(
        _("字幕の言語"), max_length=35, blank=True, help_text=_("例: ja、en")
    )
    caption_kind = models.CharField(
        _("字幕の種類"), max_length=10, blank=True, choices=CaptionKind.choices
    )
    proposed_tags = models.JSONField(
        _("提案されたタグ"),
        default=list,
        blank=True,
        help_text=_("動画のタグのうち、サイトにまだないもの（作っていません）。"),
    )
    source = models.CharField(_("取り込んだファイル"), max_length=500, blank=True)
    imported_at = models.DateTimeField(_("取り込んだ日時"), auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("singular", "動画の取り込み")
        verbose_name_plural = pgettext_lazy("plural", "動画の取り込み")
        ordering = ["-imported_at", "-pk"]

    def __str__(self):
        return self.video_id


class VideoUpload(models.Model):
    """A zip an editor uploaded and previewed, kept until confirmed (or a day
    old): the confirmation reads it again from here, never from the form."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=255)
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("singular", "アップロードした zip")
        verbose_name_plural = pgettext_lazy("plural", "アップロードした zip")

    def __str__(self):
        return self.name
