"""The one event every writer goes through: "these talks changed".

Admin forms, the importer, fixtures and restores all save models; the receivers
below turn each row-level save or delete into `talk_changed`, so whatever must
follow content (the search index, cached pages) listens in one place.
Inside `collecting_changes()` the event is sent once, at the end, for all talks.

`connect()` wires the row-level receivers; `SummariesConfig.ready()` calls it.
Capabilities connect their own receivers to `talk_changed` in their `ready()`.
"""

import os
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from django.utils import timezone

from .models import PART_MODELS, Channel, Speaker, Tag, TaggedTalk, Talk, TalkSpeaker

# Sent with `talk_ids`: the ids of talks whose public content may have changed,
# and `raw`: True when every write came from loading a fixture (rows as given).
talk_changed = Signal()

# Sent with `now` on the first read after some talk's `change_due_at` has come:
# an approved change waits to be applied (the review app listens and applies
# it, which sends `talk_changed`). Like scheduled publication, no job runs.
changes_due = Signal()


class _Pending:
    """What a `collecting_changes()` block has gathered so far."""

    def __init__(self):
        self.talk_ids = set()
        self.raw = True


# A context variable, not a thread-local: under ASGI several requests share a
# thread, and each must collect only its own writes.
_pending = ContextVar("summaries_pending_changes", default=None)


def announce(talk_ids, raw=False):
    """Say that these talks changed: now, or at the end of the collecting block."""
    talk_ids = {pk for pk in talk_ids if pk is not None}
    if not talk_ids:
        return
    pending = _pending.get()
    if pending is not None:
        pending.talk_ids.update(talk_ids)
        pending.raw = pending.raw and raw
    else:
        talk_changed.send(sender=Talk, talk_ids=talk_ids, raw=raw)


@contextmanager
def collecting_changes():
    """Send one `talk_changed` for everything written inside the block."""
    if _pending.get() is not None:
        yield  # already collecting: the outermost block sends
        return
    pending = _Pending()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    announce(pending.talk_ids, pending.raw)


# Processes a receiver may use for the work of one event: 1, except inside
# `bulk_work()` (generating or rebuilding thousands of talks), where every core
# may be used by receivers that can split their work (the search index).
_bulk_workers = ContextVar("summaries_bulk_workers", default=1)


@contextmanager
def bulk_work(workers=None):
    """Receivers may use `workers` processes (every core by default) inside."""
    token = _bulk_workers.set(workers or os.cpu_count() or 1)
    try:
        yield
    finally:
        _bulk_workers.reset(token)


def bulk_workers():
    return _bulk_workers.get()


def _talk_saved(sender, instance, raw=False, **kwargs):
    announce({instance.pk}, raw)


def _part_saved(sender, instance, raw=False, **kwargs):
    announce({instance.talk_id}, raw)


def _tagging_saved(sender, instance, raw=False, **kwargs):
    announce({instance.content_object_id}, raw)


def _shared_record_saved(sender, instance, created, raw=False, **kwargs):
    # A renamed tag, speaker or channel changes every talk that shows it.
    if created or raw:
        return
    if sender is Tag:
        ids = TaggedTalk.objects.filter(tag=instance).values_list(
            "content_object_id", flat=True
        )
    elif sender is Speaker:
        ids = TalkSpeaker.objects.filter(speaker=instance).values_list(
            "talk_id", flat=True
        )
    else:
        ids = Talk.objects.filter(channel=instance).values_list("pk", flat=True)
    announce(set(ids))


def _touch_updated_at(sender, talk_ids, raw=False, **kwargs):
    # `updated_at` is when what the public sees last changed: a part, a tag or a
    # speaker's new name changes the talk too, so the API's ETag and
    # Last-Modified (and a sitemap's lastmod) move with it. update() sends no
    # signal, so this does not loop. A fixture brings its own updated_at.
    if not raw:
        Talk.objects.filter(pk__in=talk_ids).update(updated_at=timezone.now())


def connect():
    """Turn every row-level write of talk content into `talk_changed`."""
    row_receivers = [
        (_talk_saved, (Talk,)),
        (_part_saved, (*PART_MODELS, TalkSpeaker)),
        (_tagging_saved, (TaggedTalk,)),
    ]
    for receiver, models in row_receivers:
        for model in models:
            uid = f"talk-changed-{model.__name__}"
            post_save.connect(receiver, sender=model, dispatch_uid=uid)
            post_delete.connect(receiver, sender=model, dispatch_uid=uid)
    for model in (Tag, Speaker, Channel):
        post_save.connect(
            _shared_record_saved, sender=model, dispatch_uid=f"renamed-{model.__name__}"
        )
    talk_changed.connect(_touch_updated_at, dispatch_uid="touch-updated-at")
