"""Editing together: who else has this talk's form open, and who saved since.

Each open change form posts here every few seconds (summaries/js/presence.js)
with the version token it was opened with (admin/stale.py). The answer lists
the others seen in the last PRESENT_SECONDS and every version saved since
that token, and any submission made since, so each editor knows before
saving. The stale-save refusal stays the backstop.
"""

import datetime as dt

from django.utils import timezone

from ..admin.stale import version_token
from ..history import versions_of
from .models import Presence, ReviewEvent

PRESENT_SECONDS = 20


def _name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def report(talk, user, opened):
    now = timezone.now()
    recent = now - dt.timedelta(seconds=PRESENT_SECONDS)
    mine, created = Presence.objects.get_or_create(
        talk=talk, user=user, defaults={"seen_at": now, "opened_at": now}
    )
    if not created:
        if mine.seen_at < recent:
            mine.opened_at = now  # the form was closed in between: a new visit
        mine.seen_at = now
        mine.save(update_fields=["seen_at", "opened_at"])
    others = (
        Presence.objects.filter(talk=talk, seen_at__gte=recent)
        .exclude(user=user)
        .select_related("user")
        .order_by("opened_at")
    )
    _updated, _sep, opened_version = opened.partition("|")
    opened_version = int(opened_version) if opened_version.isdigit() else None
    saved = []
    if opened_version is not None:
        for version in (
            versions_of(talk.pk).filter(pk__gt=opened_version).order_by("pk")[:20]
        ):
            saved.append(
                {
                    "who": _name(version.revision.user),
                    "when": version.revision.date_created.isoformat(),
                }
            )
    opened_presence = mine.opened_at
    submitted = [
        {"who": _name(event.user), "when": event.created_at.isoformat()}
        for event in ReviewEvent.objects.filter(
            talk=talk,
            action=ReviewEvent.Action.SUBMITTED,
            created_at__gte=opened_presence,
        )
        .exclude(user=user)
        .select_related("user")
        .order_by("pk")[:20]
    ]
    return {
        "others": [
            {"who": _name(p.user), "since": p.opened_at.isoformat()} for p in others
        ],
        "saved": saved,
        "submitted": submitted,
        "stale": bool(opened) and opened != version_token(talk.pk),
    }
