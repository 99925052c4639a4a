"""A change waiting for approval, and the review thread of a talk."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..models import Talk


class SubmissionQuerySet(models.QuerySet):
    def open(self):
        """Waiting for something: an approver (pending) or its time (approved)."""
        return self.filter(
            state__in=[Submission.State.PENDING, Submission.State.APPROVED]
        )


class Submission(models.Model):
    """One editor's change to one talk, kept whole until an approver decides.

    `snapshot` holds the talk and every part as they would be (Django's JSON
    serialisation, as django-reversion stores versions); readers keep seeing
    the talk as it is until the change is applied.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("レビュー待ち")
        SENT_BACK = "sent_back", _("差し戻し")
        APPROVED = "approved", _("承認済み（反映待ち）")
        APPLIED = "applied", _("反映済み")
        REPLACED = "replaced", _("新しい提出で置き換え")

    class Kind(models.TextChoices):
        PUBLISH = "publish", _("公開の申請")
        CHANGE = "change", _("公開中の講演の変更")

    talk = models.ForeignKey(
        Talk,
        on_delete=models.CASCADE,
        related_name="submissions",
        verbose_name=pgettext_lazy("singular", "講演"),
    )
    kind = models.CharField(_("種類"), max_length=20, choices=Kind.choices)
    state = models.CharField(
        _("状態"), max_length=20, choices=State.choices, default=State.PENDING
    )
    snapshot = models.TextField(_("変更後の内容（JSON）"))
    note = models.CharField(_("変更の説明"), max_length=500, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("提出した人"),
    )
    submitted_at = models.DateTimeField(_("提出日時"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("判断した人"),
    )
    decided_at = models.DateTimeField(_("判断日時"), null=True, blank=True)
    apply_at = models.DateTimeField(_("反映日時"), null=True, blank=True)
    applied_at = models.DateTimeField(_("反映した日時"), null=True, blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("singular", "レビューへの提出")
        verbose_name_plural = pgettext_lazy("plural", "レビューへの提出")
        ordering = ["-submitted_at", "-pk"]
        permissions = [("approve_submission", _("承認・差し戻しができる"))]
        constraints = [
            # At most one change waits per talk: a new one replaces the old.
            models.UniqueConstraint(
                fields=["talk"],
                condition=models.Q(state__in=["pending", "approved"]),
                name="review_submission_one_open_per_talk",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    state__in=[
                        "pending",
                        "sent_back",
                        "approved",
                        "applied",
                        "replaced",
                    ]
                ),
                name="review_submission_state_valid",
            ),
        ]

    def __str__(self):
        return f"{self.talk} ({self.get_state_display()})"


class ReviewEvent(models.Model):
    """One line of a talk's review thread: a comment, or what someone did."""

    class Action(models.TextChoices):
        COMMENT = "comment", _("コメント")
        SUBMITTED = "submitted", _("提出")
        APPROVED = "approved", _("承認")
        SENT_BACK = "sent_back", _("差し戻し")
        APPLIED = "applied", _("反映")

    talk = models.ForeignKey(
        Talk,
        on_delete=models.CASCADE,
        related_name="review_events",
        verbose_name=pgettext_lazy("singular", "講演"),
    )
    submission = models.ForeignKey(
        Submission,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=pgettext_lazy("singular", "レビューへの提出"),
    )
    action = models.CharField(_("操作"), max_length=20, choices=Action.choices)
    text = models.TextField(_("コメント"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("誰が"),
    )
    created_at = models.DateTimeField(_("日時"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("singular", "レビューの記録")
        verbose_name_plural = pgettext_lazy("plural", "レビューの記録")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.text[:40]}"


class Presence(models.Model):
    """Someone has a talk's form open: refreshed by the form every few seconds."""

    talk = models.ForeignKey(
        Talk, on_delete=models.CASCADE, related_name="+", verbose_name=_("講演")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("誰が"),
    )
    opened_at = models.DateTimeField(_("開いた日時"))
    seen_at = models.DateTimeField(_("最後に確認した日時"))

    class Meta:
        verbose_name = pgettext_lazy("singular", "編集中の人")
        verbose_name_plural = pgettext_lazy("plural", "編集中の人")
        constraints = [
            models.UniqueConstraint(
                fields=["talk", "user"], name="review_presence_one_per_user"
            )
        ]

    def __str__(self):
        return f"{self.user} @ {self.talk}"
