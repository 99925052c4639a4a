"""Publishing several talks at once from the talk list."""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ..history import recording
from ..models import Talk
from ..review.gate import submit_or_apply
from ..review.workflow import needs_approval


class PublishingAdminMixin:
    """For TalkAdmin: bulk 公開 and 非公開 actions, each recorded in the history."""

    actions = ["publish_now", "unpublish"]

    @property
    def media(self):
        # The state badges in the list, and the editor's widgets on the form.
        return super().media + forms.Media(css={"all": ["summaries/css/editor.css"]})

    @admin.action(
        description=gettext_lazy("選択した講演を今すぐ公開する"),
        permissions=["change"],
    )
    def publish_now(self, request, queryset):
        if needs_approval(request.user):
            return self._submit_each(request, queryset, _publish, _("一括操作で公開"))
        now = timezone.now()
        ids = set(queryset.values_list("pk", flat=True))
        with recording(_("一括操作で公開"), request.user, talks=ids):
            count = 0
            for talk in queryset.order_by("pk"):
                if talk.is_public:
                    continue
                _publish(talk, now)
                count += 1
        self.message_user(
            request,
            ngettext(
                "%(n)d件の講演を公開しました。", "%(n)d件の講演を公開しました。", count
            )
            % {"n": count},
            messages.SUCCESS,
        )

    @admin.action(
        description=gettext_lazy("選択した講演を非公開（下書き）にする"),
        permissions=["change"],
    )
    def unpublish(self, request, queryset):
        if needs_approval(request.user):
            return self._submit_each(
                request, queryset, _unpublish, _("一括操作で非公開")
            )
        ids = set(queryset.values_list("pk", flat=True))
        with recording(_("一括操作で非公開"), request.user, talks=ids):
            count = 0
            for talk in queryset.exclude(status=Talk.Status.DRAFT).order_by("pk"):
                talk.status = Talk.Status.DRAFT
                talk.save()
                count += 1
        self.message_user(
            request,
            ngettext(
                "%(n)d件の講演を非公開（下書き）にしました。",
                "%(n)d件の講演を非公開（下書き）にしました。",
                count,
            )
            % {"n": count},
            messages.SUCCESS,
        )

    def _submit_each(self, request, queryset, change, comment):
        """For editors whose changes need approval: each talk's change goes
        to review (summaries/review/gate.py) instead of readers."""
        count = 0
        for talk in queryset.order_by("pk"):
            if change is _publish and talk.is_public:
                continue
            if change is _unpublish and talk.status == Talk.Status.DRAFT:
                continue

            def write(talk=talk):
                with recording(comment, request.user, talks={talk.pk}):
                    change(Talk.objects.get(pk=talk.pk), timezone.now())

            _result, submission = submit_or_apply(talk, request.user, write, comment)
            count += submission is not None
        self.message_user(
            request,
            ngettext(
                "%(n)d件の講演をレビューに提出しました。承認されると反映されます。",
                "%(n)d件の講演をレビューに提出しました。承認されると反映されます。",
                count,
            )
            % {"n": count},
            messages.SUCCESS,
        )


def _publish(talk, now):
    talk.status = Talk.Status.PUBLISHED
    # A scheduled talk goes out now; a talk back from draft keeps its original
    # publication time if it already had one.
    if talk.published_at is None or talk.published_at > now:
        talk.published_at = now
    talk.save()


def _unpublish(talk, now):
    talk.status = Talk.Status.DRAFT
    talk.save()
