"""A talk, and who speaks in it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from ..querysets import NaturalKeyQuerySet, TalkQuerySet
from ..slugs import romanised_slug
from ..text import format_timecode
from ..youtube import validate_youtube_url, video_id
from .base import NaturalKeyMixin, unique_slug
from .records import Channel, Speaker


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
    video_id = models.CharField(
        _("動画のID"),
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "動画のアドレスから取った YouTube の動画ID。1つの動画に講演は1つです。"
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
    expires_at = models.DateTimeField(
        _("公開終了日時"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "この時刻を過ぎると読者には表示されず、存在しない講演と同じく"
            "「見つかりません」になります（公開終了）。空なら終了しません。"
        ),
    )
    change_due_at = models.DateTimeField(
        _("承認済みの変更の反映日時"),
        null=True,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_(
            "承認済みの変更が待っている時刻。過ぎた後の最初の閲覧で反映されます。"
        ),
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
            # Readable ASCII from a Japanese title, whole words (slugs.py).
            self.slug = unique_slug(
                Talk, self.title, self.pk, max_length=64, slugify=romanised_slug
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("summaries:talk-detail", kwargs={"slug": self.slug})

    def clean(self):
        # Before the constraints are checked: "published" without a time means now.
        self._default_publication_time()
        if (
            self.expires_at is not None
            and self.published_at is not None
            and self.expires_at <= self.published_at
        ):
            raise ValidationError(
                {
                    "expires_at": gettext(
                        "公開終了日時は公開日時より後にしてください。"
                        "終了しないなら空にします。"
                    )
                }
            )
        self.sync_video_id()
        if self.video_id:
            other = (
                Talk.objects.filter(video_id=self.video_id)
                .exclude(pk=self.pk)
                .values_list("title", flat=True)
                .first()
            )
            if other is not None:
                message = gettext(
                    "この動画の講演はすでにあります（「%(title)s」）。"
                    "1つの動画に講演は1つです。その講演を編集してください。"
                )
                raise ValidationError({"video_url": message % {"title": other}})

    def sync_video_id(self):
        """`video_id` follows `video_url` (a pre_save receiver calls this on
        every save, fixtures included)."""
        self.video_id = video_id(self.video_url)

    def _default_publication_time(self):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    @property
    def is_public(self):
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )

    @property
    def is_expired(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.expires_at is not None
            and self.expires_at <= timezone.now()
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


def sync_video_id(sender, instance, **kwargs):
    """pre_save of Talk: the video ID follows the address, on every save
    (fixtures' raw saves too); connected in SummariesConfig.ready()."""
    instance.sync_video_id()


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
