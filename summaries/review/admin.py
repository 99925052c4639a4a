"""The review in the admin: the talk form's door, the review page, presence.

`ReviewAdminMixin` is one of TalkAdmin's mixins (summaries/admin/talks.py):
an editor's save of a talk readers see becomes a submission; the review page
(/admin/summaries/talk/<id>/review/) shows what would change, the thread,
and lets approvers approve (now or at a time) or send back. The presence
endpoint tells each open form who else is editing and who saved since.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..admin import dashboard
from ..history import restore, versions_of
from ..models import Talk
from . import gate, presence, snapshots, workflow
from .forms import ReviewForm
from .models import ReviewEvent, Submission
from .states import states_of, with_review_state


class _Capture:
    """What the talk form's save produced, while it is being submitted."""

    def __init__(self, talk, publishing):
        self.talk = talk
        self.publishing = publishing
        self.requested = {}
        self.snapshot = None
        self.note = ""


class ReviewAdminMixin:
    """For TalkAdmin: saves that need approval become submissions."""

    @property
    def media(self):
        return super().media + forms.Media(
            js=[forms.Script("summaries/js/presence.js", type="module")]
        )

    def get_queryset(self, request):
        return with_review_state(super().get_queryset(request))

    def get_urls(self):
        wrap = self.admin_site.admin_view
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<path:object_id>/review/",
                wrap(self.review_view),
                name=f"{info}_review",
            ),
            path(
                "<path:object_id>/presence/",
                wrap(require_POST(self.presence_view)),
                name=f"{info}_presence",
            ),
            *super().get_urls(),
        ]

    # The talk form -----------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        talk = None
        if object_id:
            try:
                talk = Talk.objects.filter(pk=unquote(object_id)).first()
            except (ValueError, ValidationError):
                talk = None  # not an id: the admin answers as it always does
        if talk is not None:
            extra_context = {
                **self.review_context(request, talk),
                **(extra_context or {}),
            }
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        publishing = request.POST.get("status") == Talk.Status.PUBLISHED
        if not gate.must_submit(request.user, talk, publishing=publishing):
            return super().changeform_view(request, object_id, form_url, extra_context)
        capture = request._review_capture = _Capture(talk, publishing)
        live = talk is not None and talk.status == Talk.Status.PUBLISHED
        if live:
            # Made, taken as a snapshot, undone: readers keep the live talk.
            with transaction.atomic():
                response = super().changeform_view(
                    request, object_id, form_url, extra_context
                )
                if capture.snapshot is not None:
                    transaction.set_rollback(True)
        else:
            # Saved as a draft; the snapshot asks for its publication.
            response = super().changeform_view(
                request, object_id, form_url, extra_context
            )
        if capture.snapshot is None:
            return response  # the form came back with errors: nothing was saved
        if live and not snapshots.changes(capture.snapshot, talk.pk):
            # Nothing readers would see changes (the form saved as it was):
            # nothing to decide on, so it is saved as is (gate.py does the same).
            del request._review_capture
            return super().changeform_view(request, object_id, form_url, extra_context)
        kind = Submission.Kind.CHANGE if live else Submission.Kind.PUBLISH
        submission = workflow.submit(
            capture.talk, request.user, capture.snapshot, kind, capture.note
        )
        self.message_user(
            request,
            _(
                "変更をレビューに提出しました。承認されるまで、読者には今の内容が"
                "表示されます。"
            )
            if live
            else _("下書きとして保存し、公開をレビューに申請しました。"),
            messages.SUCCESS,
        )
        return redirect(
            reverse("admin:summaries_talk_change", args=[submission.talk_id])
        )

    def save_model(self, request, obj, form, change):
        capture = getattr(request, "_review_capture", None)
        if capture is not None and (
            capture.talk is None or capture.talk.status != Talk.Status.PUBLISHED
        ):
            # An editor may not publish: the talk stays a draft for now.
            capture.requested = {
                "status": Talk.Status.PUBLISHED if capture.publishing else obj.status,
                "published_at": obj.published_at,
            }
            obj.status = Talk.Status.DRAFT
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        capture = getattr(request, "_review_capture", None)
        if capture is not None:
            capture.talk = form.instance
            capture.snapshot = snapshots.take(form.instance.pk, **capture.requested)

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        capture = getattr(request, "_review_capture", None)
        if capture is not None:
            capture.note = entry.get_change_message()[:500]
        return entry

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        capture = getattr(request, "_review_capture", None)
        if capture is not None:
            capture.note = entry.get_change_message()[:500]
        return entry

    def response_change(self, request, obj):
        if getattr(request, "_review_capture", None) is not None:
            return HttpResponseRedirect(request.path)  # replaced by changeform_view
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if getattr(request, "_review_capture", None) is not None:
            return HttpResponseRedirect(request.path)
        return super().response_add(request, obj, post_url_continue)

    def review_context(self, request, talk):
        submission = workflow.latest_submission(talk.pk)
        talk_row = with_review_state(Talk.objects.filter(pk=talk.pk)).first()
        return {
            "review_submission": submission,
            "review_states": states_of(talk_row, talk_row.review_state),
            "review_url": reverse("admin:summaries_talk_review", args=[talk.pk]),
            "presence_url": reverse("admin:summaries_talk_presence", args=[talk.pk]),
            "review_required": workflow.needs_approval(request.user),
        }

    # Restores go through the same door -----------------------------------

    def restore_view(self, request, object_id, version_id):
        if request.method != "POST" or not workflow.needs_approval(request.user):
            return super().restore_view(request, object_id, version_id)
        talk = self._talk_or_404(request, object_id)
        if not self.has_change_permission(request, talk):
            raise PermissionDenied
        version, _previous = self._version_and_previous(talk, version_id)
        notes, submission = gate.submit_or_apply(
            talk,
            request.user,
            lambda: restore(version, request.user),
            note=_("%(date)s の版に戻す")
            % {
                "date": timezone.localtime(version.revision.date_created).strftime(
                    "%Y-%m-%d %H:%M:%S"
                )
            },
        )
        if submission is not None:
            self.message_user(
                request,
                _(
                    "この版に戻す変更をレビューに提出しました。承認されると反映されます。"
                ),
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                _("以前の版を復元しました。復元も新しい版として履歴に残っています。"),
                messages.SUCCESS,
            )
            for note in notes:
                self.message_user(request, note, messages.WARNING)
        return redirect(reverse("admin:summaries_talk_change", args=[talk.pk]))

    def history_view(self, request, object_id, extra_context=None):
        talk = self._talk_or_404(request, object_id)
        events = ReviewEvent.objects.filter(talk=talk).select_related("user")
        extra_context = {"review_events": list(events), **(extra_context or {})}
        return super().history_view(request, object_id, extra_context)

    # The review page ---------------------------------------------------

    def review_view(self, request, object_id):
        talk = self._talk_or_404(request, object_id)
        submission = workflow.latest_submission(talk.pk)
        form = ReviewForm(request.POST or None)
        if request.method == "POST":
            if not self.has_change_permission(request, talk):
                raise PermissionDenied
            if form.is_valid():
                done = self._review_action(request, talk, submission, form)
                if done:
                    self.message_user(request, done, messages.SUCCESS)
                    return redirect(request.path)
        is_open = submission is not None and submission.state in (
            Submission.State.PENDING,
            Submission.State.APPROVED,
        )
        talk_row = with_review_state(Talk.objects.filter(pk=talk.pk)).first()
        context = {
            **self.admin_site.each_context(request),
            "title": _("「%(title)s」のレビュー") % {"title": talk.title},
            "subtitle": None,
            "object": talk,
            "opts": self.opts,
            "form": form,
            "submission": submission,
            "is_open": is_open,
            "changes": snapshots.changes(submission.snapshot, talk.pk)
            if is_open
            else [],
            "states": states_of(talk_row, talk_row.review_state),
            # Saved directly after the submission: approving replaces those too.
            "changed_since": list(
                versions_of(talk.pk).filter(
                    revision__date_created__gt=submission.submitted_at
                )
            )
            if is_open
            else [],
            "events": ReviewEvent.objects.filter(talk=talk).select_related("user"),
            "may_decide": submission is not None
            and submission.state == Submission.State.PENDING
            and workflow.may_decide(request.user, submission),
            "own_submission": submission is not None
            and submission.author_id == request.user.pk,
            "may_approve": workflow.may_approve(request.user),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/review/talk_review.html", context)

    def _review_action(self, request, talk, submission, form):
        text = form.cleaned_data["text"]
        action = request.POST.get("action")
        try:
            if action == "approve":
                when = form.cleaned_data["apply_at"]
                workflow.approve(submission, request.user, text, when)
                if when and when > timezone.now():
                    return _("承認しました。指定の日時を過ぎると反映されます。")
                return _("承認しました。読者に公開される内容に反映しました。")
            if action == "send_back":
                workflow.send_back(submission, request.user, text)
                return _("差し戻しました。提出した人にメールで知らせました。")
            workflow.comment(talk, request.user, text)
            return _("コメントを書き込みました。")
        except workflow.ReviewError as error:
            form.add_error(None, str(error))
            return None

    # Editing together ----------------------------------------------------

    def presence_view(self, request, object_id):
        talk = self._talk_or_404(request, object_id)
        return JsonResponse(
            presence.report(talk, request.user, request.POST.get("opened", ""))
        )


def review_panel(now):
    # One query: a sent-back submission is replaced when its talk is resubmitted.
    counts = Submission.objects.aggregate(
        pending=Count("pk", filter=Q(state=Submission.State.PENDING)),
        sent_back=Count("pk", filter=Q(state=Submission.State.SENT_BACK)),
    )
    return dashboard.Panel(
        title=_("レビュー"),
        figures=[
            (_("レビュー待ち"), counts["pending"]),
            (_("差し戻し"), counts["sent_back"]),
        ],
        note=_("講演一覧の「公開状況」で「レビュー待ち」に絞り込めます。"),
    )


dashboard.register(review_panel)
