"""A talk, who gives it, where it was published, and how it is tagged."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager, _TaggableManager
from taggit.models import TagBase, TaggedItemBase

from ..querysets import TalkQuerySet
from ..text import fold, format_timecode, unicode_slug
from ..youtube import validate_youtube_url, video_id
from .base import NaturalKeyMixin, NaturalKeyQuerySet


def unique_slug(model, text, exclude_pk=None, max_length=100):
    """A slug from `text` that no other row of `model` uses (`-2`, `-3`… added)."""
    base = unicode_slug(text, max_length - 4) or model._meta.model_name
    taken = set(
        model._default_manager.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


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
            self.filter(talk_roles__talk__in=Talk.objects.published())
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


class TagQuerySet(NaturalKeyQuerySet):
    def with_public_counts(self):
        """Tags on public talks, most used first, each with `talk_count`."""
        return (
            self.filter(tagged_talks__content_object__in=Talk.objects.published())
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


class Talk(NaturalKeyMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("下書き")
        PUBLISHED = "published", _("公開")

    title = models.CharField(_("タイトル"), max_length=300)
    slug = models.SlugField(
        _("スラッグ"),
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text=_(
            "公開アドレス /talks/スラッグ/ の部分。英小文字・数字・ハイフン推奨。"
        ),
    )
    channel = models.ForeignKey(
        Channel,
        on_delete=models.PROTECT,
        related_name="talks",
        verbose_name=_("チャンネル"),
    )
    speakers = models.ManyToManyField(
        Speaker,
        through="TalkSpeaker",
        related_name="talks",
        blank=True,
        verbose_name=_("登壇者"),
    )
    video_date = models.DateField(
        _("動画の公開日"), help_text=_("動画が配信された日。")
    )
    duration_seconds = models.PositiveIntegerField(
        _("動画の長さ（秒）"), help_text=_("例: 11分14秒なら 11:14 と入力できます。")
    )
    video_url = models.URLField(
        _("動画のアドレス"),
        blank=True,
        validators=[validate_youtube_url],
        help_text=_(
            "YouTube の動画アドレス（任意）。"
            "タイムスタンプから再生できるようになります。"
        ),
    )
    tldr = models.TextField(
        _("要約（TL;DR）"),
        help_text=_("講演全体を2〜4文で。一覧と検索結果にも表示されます。"),
    )
    status = models.CharField(
        _("状態"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_(
            "「公開」でも公開日時が未来なら、その時刻まで予約として非公開です。"
        ),
    )
    published_at = models.DateTimeField(
        _("公開日時"),
        null=True,
        blank=True,
        help_text=_("空のまま「公開」にすると保存した時刻になります。"),
    )
    source_rating = models.DecimalField(
        _("転記元の評価"),
        max_digits=2,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("転記元ページの「X / 5」。当サイトの読者評価ではありません。"),
    )
    source_rating_count = models.PositiveIntegerField(
        _("転記元の評価件数"), null=True, blank=True
    )
    is_generated = models.BooleanField(
        _("生成データ"),
        default=False,
        editable=False,
        help_text=_("負荷試験用に generate_talks が作った架空の講演。"),
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    tags = TaggableManager(
        through="TaggedTalk",
        manager=TalkTagManager,
        blank=True,
        verbose_name=_("タグ"),
        help_text=_("読点（、）かカンマで区切ります。例: デジタル庁、DX、東京都"),
    )

    objects = TalkQuerySet.as_manager()

    natural_key_fields = ("slug",)

    class Meta:
        verbose_name = pgettext_lazy("singular", "講演")
        verbose_name_plural = pgettext_lazy("plural", "講演")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "published"]),
                name="summaries_talk_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | models.Q(published_at__isnull=False),
                name="summaries_talk_published_has_time",
            ),
            models.CheckConstraint(
                condition=models.Q(source_rating__isnull=True)
                | models.Q(source_rating__gte=0, source_rating__lte=5),
                name="summaries_talk_source_rating_range",
            ),
        ]
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self._default_publication_time()
        if not self.slug:
            self.slug = unique_slug(Talk, self.title, self.pk, max_length=80)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("summaries:talk-detail", kwargs={"slug": self.slug})

    def clean(self):
        # Before the constraints are checked: "published" without a time means now.
        self._default_publication_time()

    def _default_publication_time(self):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def duration(self):
        return format_timecode(self.duration_seconds)

    @property
    def youtube_id(self):
        return video_id(self.video_url)

    @property
    def speaker_roles(self):
        """The talk's speakers in order, each as a TalkSpeaker (role included)."""
        return self.talk_speakers.all()


class TalkSpeaker(NaturalKeyMixin, models.Model):
    """A speaker's part in one talk, in the order the talk lists them."""

    talk = models.ForeignKey(
        Talk,
        on_delete=models.CASCADE,
        related_name="talk_speakers",
        verbose_name=_("講演"),
    )
    speaker = models.ForeignKey(
        Speaker,
        on_delete=models.PROTECT,
        related_name="talk_roles",
        verbose_name=pgettext_lazy("singular", "登壇者"),
    )
    role = models.CharField(
        _("役割"),
        max_length=50,
        blank=True,
        help_text=_("この講演での役割。例: 聞き手、話し手"),
    )
    position = models.PositiveIntegerField(_("順番"))

    objects = NaturalKeyQuerySet.as_manager()

    natural_key_fields = ("talk__slug", "speaker__slug")

    class Meta:
        verbose_name = pgettext_lazy("singular", "講演の登壇者")
        verbose_name_plural = pgettext_lazy("plural", "講演の登壇者")
        ordering = ["talk", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["talk", "position"],
                name="summaries_talkspeaker_unique_position",
            ),
            models.UniqueConstraint(
                fields=["talk", "speaker"], name="summaries_talkspeaker_unique_speaker"
            ),
        ]

    def __str__(self):
        if not self.role:
            return str(self.speaker)
        values = {"name": self.speaker, "role": self.role}
        return gettext("%(name)s（%(role)s）") % values

    def natural_key(self):
        return (*self.talk.natural_key(), *self.speaker.natural_key())

    natural_key.dependencies = ["summaries.talk", "summaries.speaker"]


class TaggedTalk(TaggedItemBase):
    content_object = models.ForeignKey(
        Talk,
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
