"""The records talks share: the channel a talk was published on, its speakers."""

from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..querysets import NaturalKeyQuerySet
from .base import NaturalKeyMixin, unique_slug


def _public_talks():
    # Talk lives in talks.py, which imports this module: look it up when used.
    return apps.get_model("summaries", "Talk").objects.published()


class Channel(NaturalKeyMixin, models.Model):
    name = models.CharField(_("チャンネル名"), max_length=200, unique=True)
    slug = models.SlugField(
        _("スラッグ"), max_length=100, unique=True, allow_unicode=True
    )
    url = models.URLField(
        _("チャンネルのアドレス"),
        blank=True,
        help_text=_("例: https://www.youtube.com/@digital_go_jp"),
    )

    objects = NaturalKeyQuerySet.as_manager()

    natural_key_fields = ("name",)

    class Meta:
        verbose_name = pgettext_lazy("singular", "チャンネル")
        verbose_name_plural = pgettext_lazy("plural", "チャンネル")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Channel, self.name, self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("summaries:talk-list") + f"?channel={self.slug}"


class SpeakerQuerySet(NaturalKeyQuerySet):
    def with_public_counts(self):
        """Speakers of public talks, by reading, each with `talk_count`."""
        return (
            self.filter(talk_roles__talk__in=_public_talks())
            .annotate(talk_count=models.Count("talk_roles"))
            .order_by("name_kana", "name", "pk")
        )


class Speaker(NaturalKeyMixin, models.Model):
    name = models.CharField(
        _("氏名"),
        max_length=100,
        help_text=_("漢字表記。姓と名の間に半角スペース。例: 宮坂 学"),
    )
    name_kana = models.CharField(
        _("よみがな"),
        max_length=100,
        blank=True,
        help_text=_("ひらがな。例: みやさか まなぶ"),
    )
    name_latin = models.CharField(
        _("ローマ字表記"),
        max_length=100,
        blank=True,
        help_text=_("例: Manabu Miyasaka"),
    )
    title = models.CharField(
        _("肩書き"), max_length=200, blank=True, help_text=_("例: 副知事")
    )
    organisation = models.CharField(
        _("所属"), max_length=200, blank=True, help_text=_("例: 東京都")
    )
    slug = models.SlugField(
        _("スラッグ"),
        max_length=100,
        unique=True,
        allow_unicode=True,
        help_text=_("URL に使う名前。ローマ字が読みやすい。例: miyasaka-manabu"),
    )

    objects = SpeakerQuerySet.as_manager()

    natural_key_fields = ("slug",)

    class Meta:
        verbose_name = pgettext_lazy("singular", "登壇者")
        verbose_name_plural = pgettext_lazy("plural", "登壇者")
        ordering = ["name_kana", "name", "pk"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Speaker, self.name_latin or self.name, self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("summaries:speaker-detail", kwargs={"slug": self.slug})

    @property
    def affiliation(self):
        """`東京都 副知事`: organisation and title as one line."""
        return " ".join(part for part in (self.organisation, self.title) if part)
