"""What state a talk is in, as editors read it: 下書き, レビュー待ち, 差し戻し,
予約, 公開中, 公開終了 (and a live talk's change waiting for its time)."""

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Talk
from .models import Submission

LABELS = {
    "draft": _("下書き"),
    "pending": _("レビュー待ち"),
    "sent_back": _("差し戻し"),
    "scheduled": _("予約"),
    "live": _("公開中"),
    "expired": _("公開終了"),
    "change_scheduled": _("変更の予約"),
}


def with_review_state(talks):
    """Annotate `review_state`: the state of the talk's current submission."""
    current = (
        Submission.objects.filter(talk=OuterRef("pk"))
        .exclude(state__in=[Submission.State.REPLACED, Submission.State.APPLIED])
        .order_by("-pk")
        .values("state")[:1]
    )
    return talks.annotate(review_state=Subquery(current))


def states_of(talk, review_state=None, now=None):
    """[(key, label)], the main state first."""
    now = now or timezone.now()
    review = []
    if review_state == Submission.State.PENDING:
        review.append("pending")
    elif review_state == Submission.State.SENT_BACK:
        review.append("sent_back")
    if talk.status == Talk.Status.DRAFT:
        keys = review or ["draft"]
    else:
        if talk.expires_at is not None and talk.expires_at <= now:
            publication = "expired"
        elif talk.published_at > now:
            publication = "scheduled"
        else:
            publication = "live"
        keys = [publication, *review]
        if review_state == Submission.State.APPROVED:
            keys.append("change_scheduled")
    return [(key, LABELS[key]) for key in keys]
