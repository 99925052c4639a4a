"""What readers tell us: a 1-5 vote per reader and talk, and "was this useful?"."""

from django.db import models
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RatingQuerySet(models.QuerySet):
    def totals(self):
        """(number of votes, sum of their scores) over these votes, in one query."""
        figures = self.aggregate(count=Count("pk"), total=Sum("score"))
        return figures["count"], figures["total"] or 0


class Rating(models.Model):
    """One reader's current vote on one talk; voting again replaces it."""

    class Score(models.IntegerChoices):
        ONE = 1, _("1 よくなかった")
        TWO = 2, _("2 あまりよくなかった")
        THREE = 3, _("3 ふつう")
        FOUR = 4, _("4 よかった")
        FIVE = 5, _("5 とてもよかった")

    talk = models.ForeignKey(
        "summaries.Talk",
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("講演"),
        # Both indexes below start with the talk: a third one would be waste.
        db_index=False,
    )
    voter = models.CharField(
        _("投票者"),
        max_length=64,
        editable=False,
        help_text=_(
            "ブラウザーごとに無作為に作った識別子のハッシュ。"
            "氏名やアドレスなど個人を特定する情報は保存しません。"
        ),
    )
    score = models.PositiveSmallIntegerField(_("評価"), choices=Score.choices)
    created_at = models.DateTimeField(_("最初の投票日時"), auto_now_add=True)
    updated_at = models.DateTimeField(
        _("投票日時"), auto_now=True, help_text=_("評価を変えたときはその時刻。")
    )

    objects = RatingQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("singular", "読者の評価")
        verbose_name_plural = pgettext_lazy("plural", "読者の評価")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            # One row per reader and talk: what makes "voting again replaces"
            # exact when the same reader's two requests race.
            models.UniqueConstraint(
                fields=["talk", "voter"], name="summaries_rating_one_per_voter"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5),
                name="summaries_rating_score_range",
            ),
        ]
        indexes = [
            # Count and sum per talk straight from the index (list pages).
            models.Index(fields=["talk", "score"], name="summaries_rating_talk_score"),
            models.Index(fields=["updated_at"], name="summaries_rating_updated"),
        ]

    def __str__(self):
        return f"{self.talk_id}: {self.score}"


class Feedback(models.Model):
    """An answer to "このページは役に立ちましたか？": yes or no, and maybe a comment."""

    COMMENT_MAX_LENGTH = 500

    talk = models.ForeignKey(
        "summaries.Talk",
        on_delete=models.CASCADE,
        related_name="feedback",
        verbose_name=_("講演"),
    )
    helpful = models.BooleanField(_("役に立った"))
    comment = models.TextField(
        _("コメント"),
        max_length=COMMENT_MAX_LENGTH,
        blank=True,
        help_text=_("読者が書いた任意のコメント（500字まで）。"),
    )
    created_at = models.DateTimeField(_("受付日時"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("ページの感想")
        verbose_name_plural = _("ページの感想")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        answer = _("はい") if self.helpful else _("いいえ")
        return f"{self.talk}: {answer}"


class Counter(models.Model):
    """A number kept for a while, under a keyed hash: posts per address in a
    window (`ratelimit`), new voters per talk and address in a day (`voting`).

    In the database, not the cache, so every worker and server shares it and
    no flood of pages can evict it. `digest` is an HMAC (SECRET_KEY) of what
    is counted and its period: it names no address, and a new period is a new
    row. Rows are deleted once `expires_at` has passed.
    """

    digest = models.CharField(_("鍵付きハッシュ"), max_length=64, unique=True)
    count = models.PositiveIntegerField(_("回数"), default=0)
    expires_at = models.DateTimeField(_("期限"), db_index=True)

    class Meta:
        verbose_name = _("送信回数")
        verbose_name_plural = _("送信回数")

    def __str__(self):
        return f"{self.digest[:8]}…: {self.count}"


class RatingTotal(models.Model):
    """A talk's vote count and score sum, kept in the vote's transaction, so
    pages read two numbers instead of counting votes."""

    talk = models.OneToOneField(
        "summaries.Talk",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="rating_totals",
        verbose_name=_("講演"),
    )
    count = models.PositiveIntegerField(_("評価数"), default=0)
    total = models.PositiveIntegerField(_("評価の合計"), default=0)

    class Meta:
        verbose_name = _("評価の集計")
        verbose_name_plural = _("評価の集計")

    def __str__(self):
        return f"{self.talk_id}: {self.count}"
