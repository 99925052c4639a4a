"""What every model here shares: natural keys, and the ordered parts of a talk."""

from functools import reduce

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..querysets import NaturalKeyQuerySet
from ..text import format_timecode, unicode_slug


class NaturalKeyMixin:
    natural_key_fields = ()

    def natural_key(self):
        return tuple(
            reduce(getattr, field.split("__"), self)
            for field in self.natural_key_fields
        )


class OrderedPart(NaturalKeyMixin, models.Model):
    """One item of a talk's ordered list: takeaways, questions, chapters…"""

    talk = models.ForeignKey(
        "summaries.Talk", on_delete=models.CASCADE, verbose_name=_("講演")
    )
    position = models.PositiveIntegerField(
        _("順番"),
        help_text=_("1から始まる表示順。ドラッグまたは上下ボタンで並べ替えます。"),
    )

    objects = NaturalKeyQuerySet.as_manager()

    natural_key_fields = ("talk__slug", "position")

    class Meta:
        abstract = True
        ordering = ["talk", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["talk", "position"],
                name="%(app_label)s_%(class)s_unique_position",
            ),
        ]

    def natural_key(self):
        return (*self.talk.natural_key(), self.position)

    natural_key.dependencies = ["summaries.talk"]


class TimedPart(OrderedPart):
    """An ordered item that starts at a second of the video."""

    start_seconds = models.PositiveIntegerField(
        _("開始秒"),
        help_text=_("動画の先頭からの秒数。例: 1分05秒なら 65。"),
    )

    class Meta(OrderedPart.Meta):
        abstract = True

    @property
    def timecode(self):
        return format_timecode(self.start_seconds)


def unique_slug(model, text, exclude_pk=None, max_length=100, slugify=unicode_slug):
    """A slug from `text` that no other row of `model` uses (`-2`, `-3`… added).
    `slugify(text, max_length)` makes the base (talks romanise their titles)."""
    base = slugify(text, max_length - 4) or model._meta.model_name
    taken = set(
        model._default_manager.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
