"""Merging tags: one tag takes over the talks and the addresses of others."""

from django.db import transaction
from django.utils.translation import gettext as _

from .history import record_current, recording
from .models import TaggedTalk, Talk
from .redirects import move_redirects
from .signals import announce
from .text import join_list


def merge_tags(target, tags, user=None):
    """Move every tagging of `tags` to `target`, then delete them.

    A talk that had both keeps one tagging. The merged tags' addresses (and
    any older ones) redirect to the target. Each affected talk gets a new
    version in its history, and `talk_changed` is sent once for all of them.
    Returns the ids of the affected talks.
    """
    merged = [tag for tag in tags if tag.pk != target.pk]
    if not merged:
        return set()
    comment = _("タグ「%(old)s」を「%(new)s」に統合") % {
        "old": join_list(tag.name for tag in merged),
        "new": target.name,
    }
    affected = TaggedTalk.objects.filter(tag__in=merged)
    before = set(affected.values_list("content_object_id", flat=True))
    with transaction.atomic(), recording(comment, user, talks=before):
        rows = TaggedTalk.objects.filter(tag__in=merged).order_by("pk")
        talk_ids = set(rows.values_list("content_object_id", flat=True))
        tagged = set(
            TaggedTalk.objects.filter(tag=target).values_list(
                "content_object_id", flat=True
            )
        )
        for row in rows:
            if row.content_object_id in tagged:
                row.delete()
            else:
                row.tag = target
                row.save()
                tagged.add(row.content_object_id)
        move_redirects(merged, target, [tag.slug for tag in merged])
        for tag in merged:
            tag.delete()
        for talk in Talk.objects.filter(pk__in=talk_ids):
            record_current(talk)
        announce(talk_ids)
    return talk_ids
