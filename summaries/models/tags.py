"""Tags: our own taggit tag model, matched by a folded key, and its through model."""

from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.managers import _TaggableManager
from taggit.models import TagBase, TaggedItemBase

from ..text import fold, unicode_slug
from .base import NaturalKeyQuerySet


def _public_talks():
    # Talk lives in talks.py, which imports this module: look it up when used.
    return apps.get_model("summaries", "Talk").objects.published()


class TagQuerySet(NaturalKeyQuerySet):
    def with_public_counts(self):
        """Tags on public talks, most used first, each with `talk_count`."""
        return (
            self.filter(tagged_talks__content_object__in=_public_talks())
            .annotate(talk_count=models.Count("tagged_talks"))
            .order_by("-talk_count", "name", "pk")
        )

    def resolve(self, names):
        """Tags for `names` by folded key, created when new: {key: tag}."""
        wanted = {}
        for name in names:
            if name.strip():
                wanted.setdefault(fold(name.strip()), name.strip())
        tags = {tag.key: tag for tag in self.filter(key__in=wanted)}
        for key, name in wanted.items():
            if key not in tags:
                tags[key], _created = self.get_or_create(
                    key=key, defaults={"name": name}
                )
        return tags


class Tag(TagBase):
    """A tag; `key` folds case and width so DX, dx and ＤＸ are one tag."""

    key = models.CharField(
        _("正規化した名前"), max_length=100, unique=True, editable=False
    )

    objects = TagQuerySet.as_manager()

    natural_key_fields = ("name",)

    class Meta:
        verbose_name = pgettext_lazy("singular", "タグ")
        verbose_name_plural = pgettext_lazy("plural", "タグ")
        ordering = ["name", "pk"]

    def save(self, *args, **kwargs):
        self.key = fold(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("summaries:tag-detail", kwargs={"slug": self.slug})

    def slugify(self, tag, i=None):
        slug = unicode_slug(tag)
        return f"{slug}-{i}" if i is not None else slug


class TalkTagManager(_TaggableManager):
    """taggit's manager, matching tag names by folded key (ＤＸ finds DX)."""

    def _to_tag_model_instances(self, tags, tag_kwargs):
        names = [tag for tag in tags if isinstance(tag, str) and tag.strip()]
        by_key = self.through.tag_model().objects.resolve(names)
        result = []
        for tag in tags:
            if isinstance(tag, str):
                if not tag.strip():
                    continue
                tag = by_key[fold(tag.strip())]
            if tag not in result:
                result.append(tag)
        return result


class TaggedTalk(TaggedItemBase):
    content_object = models.ForeignKey(
        "summaries.Talk",
        on_delete=models.CASCADE,
        related_name="tagged_items",
        verbose_name=_("講演"),
    )
    tag = models.ForeignKey(
        Tag,
        on_delete=models.CASCADE,
        related_name="tagged_talks",
        verbose_name=pgettext_lazy("singular", "タグ"),
    )

    natural_key_fields = ("content_object__slug", "tag__name")

    class Meta:
        verbose_name = pgettext_lazy("singular", "講演のタグ")
        verbose_name_plural = pgettext_lazy("plural", "講演のタグ")
        ordering = ["content_object", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="summaries_taggedtalk_unique"
            ),
        ]

    def natural_key(self):
        return (*self.content_object.natural_key(), *self.tag.natural_key())

    natural_key.dependencies = ["summaries.talk", "summaries.tag"]
