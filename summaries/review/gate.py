"""The one door for editors' writes in the admin: apply now, or submit.

`submit_or_apply(talk, user, change)` runs `change()` (any writer: the talk
form, an import, a captions page, a restore). For a user whose changes need
approval (`workflow.needs_approval`), when the result is something readers
would see (the talk is published, or the change publishes it), the write is
made inside a savepoint, the result taken as a snapshot, and the savepoint
rolled back: readers keep the live talk, and the snapshot waits as a
submission. Drafts that stay drafts are written as they are, and so is a
change readers would not see (the snapshot shows what they see already).

Management commands never come here: they are the operator's tools.
"""

from django.db import transaction

from ..models import Talk
from . import snapshots, workflow
from .models import Submission


def must_submit(user, talk, publishing=False):
    """Whether `user`'s change to `talk` waits for approval."""
    if not workflow.needs_approval(user):
        return False
    if publishing or (talk is not None and talk.status == Talk.Status.PUBLISHED):
        return True
    return talk is not None and workflow.open_submission(talk.pk) is not None


def submit_or_apply(talk, user, change, note=""):
    """Run `change()` for `talk`; returns (change's result, Submission or None).

    With a submission, nothing `change()` wrote is kept: it is in the snapshot.
    """
    if not workflow.needs_approval(user):
        return change(), None
    was = Talk.objects.get(pk=talk.pk)
    with transaction.atomic():
        result = change()
        now = Talk.objects.get(pk=talk.pk)
        publishing = now.status == Talk.Status.PUBLISHED
        if not must_submit(user, was, publishing=publishing):
            return result, None
        snapshot = snapshots.take(talk.pk)
        transaction.set_rollback(True)
    if not snapshots.changes(snapshot, talk.pk):
        # Nothing readers would see changes (the same text imported again, a
        # form saved as it was): no submission to decide on; written as is.
        return change(), None
    kind = (
        Submission.Kind.CHANGE
        if was.status == Talk.Status.PUBLISHED
        else Submission.Kind.PUBLISH
    )
    return result, workflow.submit(was, user, snapshot, kind, note)
