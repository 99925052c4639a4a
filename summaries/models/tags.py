"""Tags: our own taggit tag model, matched by a folded key, and its through model.

django-taggit is used through its documented extension points: a custom tag
model (`TagBase`), a custom through model (`TaggedItemBase`) with a real
foreign key, and `TAGGIT_CASE_INSENSITIVE`. With that setting taggit looks
typed names up with `name__iexact` (in `tags.add()`, `tags.set()` and the admin
form); the tag name's field registers its own `iexact` lookup (a Django field
lookup, a public API) that compares folded keys, so ＤＸ, dx and DX find the
same tag and a new one is never made beside it. tests/test_tags.py pins this.
"""

from django.apps import apps
from django.db import models
from django.db.models import Lookup
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.models import TagBase, TaggedItemBase

from ..querysets import NaturalKeyQuerySet
from ..text import fold, unicode_slug


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


class TagNameField(models.CharField):
    """A tag's name as typed; `name__iexact` matches it by folded key (below)."""


@TagNameField.register_lookup
class FoldedExact(Lookup):
    """`name__iexact=value`: the tag whose folded key is `fold(value)`.

    Case-insensitive in taggit's sense, and width-insensitive too: the key
    column (unique, indexed) holds `fold(name)`, so this is one index lookup.
    """

    lookup_name = "iexact"

    def as_sql(self, compiler, connection):
        key = self.lhs.target.model._meta.get_field("key")
        sql, params = compiler.compile(key.get_col(self.lhs.alias))
        return f"{sql} = %s", [*params, fold(str(self.rhs))]


class Tag(TagBase):
    """A tag; `key` folds case and width so DX, dx and ＤＸ are one tag."""

    name = TagNameField(_("名前"), unique=True, max_length=100)
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
