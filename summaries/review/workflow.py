"""Submit, approve, send back, comment, apply: every step of a review.

Each step writes the thread (`ReviewEvent`) and, where someone must act or
hear of it, sends an email (`notify`). Applying goes through
`snapshots.apply`, i.e. the same writer as restoring a version: one new
version in the talk's history and one `talk_changed`, so the search index,
the page cache and the API see the change at once.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Talk
from . import notify, snapshots
from .models import ReviewEvent, Submission

log = logging.getLogger(__name__)
APPROVE = "review.approve_submission"


class ReviewError(Exception):
    """A step that cannot be taken, with the reason in the user's language."""


def approval_required():
    return settings.GOVDX_REQUIRE_APPROVAL


def may_approve(user):
    return user.is_active and user.has_perm(APPROVE)


def needs_approval(user):
    """Whether this user's changes to what readers see wait for an approver."""
    return approval_required() and not may_approve(user)


def may_decide(user, submission):
    """Four eyes: approvers decide on others' submissions (unless the
    GOVDX_ALLOW_SELF_APPROVAL setting lets a small team approve its own)."""
    if not may_approve(user):
        return False
    return settings.GOVDX_ALLOW_SELF_APPROVAL or submission.author_id != user.pk


def open_submission(talk_id):
    """The change waiting on this talk (for an approver or for its time)."""
    return Submission.objects.open().filter(talk_id=talk_id).first()


def latest_submission(talk_id):
    return (
        Submission.objects.filter(talk_id=talk_id)
        .exclude(state=Submission.State.REPLACED)
        .select_related("author", "decided_by")
        .first()
    )


def submit(talk, user, snapshot, kind, note=""):
    """Keep `snapshot` as the change waiting for approval; it replaces any
    change of this talk still waiting, and ends a sent-back one."""
    with transaction.atomic():
        Submission.objects.filter(
            talk_id=talk.pk,
            state__in=[
                Submission.State.PENDING,
                Submission.State.APPROVED,
                Submission.State.SENT_BACK,
            ],
        ).update(state=Submission.State.REPLACED)
        Talk.objects.filter(pk=talk.pk).update(change_due_at=None)
        submission = Submission.objects.create(
            talk_id=talk.pk, kind=kind, snapshot=snapshot, note=note, author=user
        )
        ReviewEvent.objects.create(
            talk_id=talk.pk,
            submission=submission,
            action=ReviewEvent.Action.SUBMITTED,
            text=note,
            user=user,
        )
    notify.submitted(submission)
    return submission


def comment(talk, user, text):
    text = (text or "").strip()
    if not text:
        raise ReviewError(_("コメントが空です。書いてから送ってください。"))
    return ReviewEvent.objects.create(
        talk_id=talk.pk,
        submission=open_submission(talk.pk),
        action=ReviewEvent.Action.COMMENT,
        text=text,
        user=user,
    )


def _decidable(submission, user):
    if submission is None or submission.state != Submission.State.PENDING:
        raise ReviewError(
            _(
                "この講演にレビュー待ちの変更はありません。画面を読み込み直してください。"
            )
        )
    if not may_approve(user):
        raise ReviewError(_("承認と差し戻しは「承認者」グループの人だけができます。"))
    if not may_decide(user, submission):
        raise ReviewError(
            _(
                "自分が提出した変更は承認できません（4つの目の原則）。"
                "ほかの承認者に依頼してください。"
            )
        )


def approve(submission, user, text="", when=None):
    """Approve: applied now, or at `when` (the first read after it applies it)."""
    _decidable(submission, user)
    now = timezone.now()
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        _decidable(submission, user)
        submission.decided_by = user
        submission.decided_at = now
        ReviewEvent.objects.create(
            talk_id=submission.talk_id,
            submission=submission,
            action=ReviewEvent.Action.APPROVED,
            text=(text or "").strip(),
            user=user,
        )
        if submission.kind == Submission.Kind.PUBLISH:
            # A publication: the talk's own publication time is the schedule.
            requested = snapshots.talk_of(submission.snapshot, submission.talk_id)
            # The approver's time, else the one the editor asked for if it is
            # still ahead, else now.
            asked = requested.published_at
            published_at = when or (asked if asked and asked > now else now)
            submission.apply_at = published_at
            apply(submission, status=Talk.Status.PUBLISHED, published_at=published_at)
        elif when is not None and when > now:
            submission.state = Submission.State.APPROVED
            submission.apply_at = when
            submission.save()
            Talk.objects.filter(pk=submission.talk_id).update(change_due_at=when)
        else:
            apply(submission)
    notify.decided(submission, approved=True, text=text)
    return submission


def send_back(submission, user, text):
    _decidable(submission, user)
    text = (text or "").strip()
    if not text:
        raise ReviewError(
            _("差し戻すときは、直してほしい点をコメントに書いてください。")
        )
    with transaction.atomic():
        submission.state = Submission.State.SENT_BACK
        submission.decided_by = user
        submission.decided_at = timezone.now()
        submission.save()
        ReviewEvent.objects.create(
            talk_id=submission.talk_id,
            submission=submission,
            action=ReviewEvent.Action.SENT_BACK,
            text=text,
            user=user,
        )
    notify.decided(submission, approved=False, text=text)
    return submission


def apply(submission, **overrides):
    """Write the submission's snapshot as the talk: a new version saying who
    submitted and who approved."""
    names = {
        "author": _name(submission.author),
        "approver": _name(submission.decided_by),
    }
    note = _("%(author)s が提出し %(approver)s が承認した変更を反映") % names
    notes = snapshots.apply(
        submission.snapshot,
        submission.talk_id,
        note,
        submission.decided_by,
        **overrides,
    )
    now = timezone.now()
    submission.state = Submission.State.APPLIED
    submission.applied_at = now
    submission.save()
    Talk.objects.filter(pk=submission.talk_id).update(change_due_at=None)
    ReviewEvent.objects.create(
        talk_id=submission.talk_id,
        submission=submission,
        action=ReviewEvent.Action.APPLIED,
        text="\n".join([note, *notes]),
        user=None,
    )
    return notes


def apply_due(sender=None, now=None, **kwargs):
    """Receiver of the core's `changes_due`: apply every approved change whose
    time has come (the first read after that time calls this)."""
    now = now or timezone.now()
    with transaction.atomic():
        due = (
            # Lock the submissions only: PostgreSQL refuses FOR UPDATE on the
            # nullable side of the outer joins to the people.
            Submission.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(state=Submission.State.APPROVED, apply_at__lte=now)
            .select_related("author", "decided_by")
            .order_by("apply_at", "pk")
        )
        for submission in due:
            try:
                with transaction.atomic():
                    apply(submission)
            except Exception:  # noqa: BLE001 (a reader's request must not fail)
                # Back to the approvers, with the reason in the thread.
                log.exception(
                    "approved change not applied", extra={"pk": submission.pk}
                )
                Submission.objects.filter(pk=submission.pk).update(
                    state=Submission.State.PENDING, apply_at=None
                )
                ReviewEvent.objects.create(
                    talk_id=submission.talk_id,
                    submission=submission,
                    action=ReviewEvent.Action.COMMENT,
                    text=_(
                        "予定の日時に反映できませんでした。内容を確かめて、"
                        "もう一度承認してください。"
                    ),
                )
        # Nothing else waits on those times (a replaced change, say).
        Talk.objects.filter(change_due_at__lte=now).update(change_due_at=None)


def _name(user):
    if user is None:
        return _("（削除されたユーザー）")
    return user.get_full_name() or user.get_username()
