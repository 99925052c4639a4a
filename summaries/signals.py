"""The one event every writer goes through: "these talks changed".

Admin forms, the importer, fixtures and restores all save models; the receivers
below turn each row-level save or delete into `talk_changed`, so whatever must
follow content (the search index, cached pages) listens in one place.
Inside `collecting_changes()` the event is sent once, at the end, for all talks.
"""

import threading
from contextlib import contextmanager

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver
from django.utils import timezone

from .models import PART_MODELS, Channel, Speaker, Tag, TaggedTalk, Talk, TalkSpeaker

# Sent with `talk_ids`: the ids of talks whose public content may have changed,
# and `raw`: True when every write came from loading a fixture (rows as given).
talk_changed = Signal()

_state = threading.local()


def announce(talk_ids, raw=False):
    talk_ids = {pk for pk in talk_ids if pk is not None}
    if not talk_ids:
        return
    pending = getattr(_state, "pending", None)
    if pending is not None:
        pending.update(talk_ids)
        _state.raw = _state.raw and raw
    else:
        talk_changed.send(sender=Talk, talk_ids=talk_ids, raw=raw)


@contextmanager
def collecting_changes():
    """Send one `talk_changed` for everything written inside the block."""
    if getattr(_state, "pending", None) is not None:
        yield  # already collecting: the outermost block sends
        return
    _state.pending, _state.raw = set(), True
    try:
        yield
        pending, raw = _state.pending, _state.raw
    finally:
        _state.pending = None
    announce(pending, raw)


@receiver([post_save, post_delete], sender=Talk)
def _talk_saved(sender, instance, raw=False, **kwargs):
    announce({instance.pk}, raw)


def _part_saved(sender, instance, raw=False, **kwargs):
    announce({instance.talk_id}, raw)


for _model in (*PART_MODELS, TalkSpeaker):
    post_save.connect(
        _part_saved, sender=_model, dispatch_uid=f"part-{_model.__name__}"
    )
    post_delete.connect(
        _part_saved, sender=_model, dispatch_uid=f"part-{_model.__name__}"
    )


@receiver([post_save, post_delete], sender=TaggedTalk)
def _tagging_saved(sender, instance, raw=False, **kwargs):
    announce({instance.content_object_id}, raw)


@receiver(post_save, sender=Tag)
@receiver(post_save, sender=Speaker)
@receiver(post_save, sender=Channel)
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


@receiver(talk_changed, dispatch_uid="touch-updated-at")
def _touch_updated_at(sender, talk_ids, raw=False, **kwargs):
    # `updated_at` is when what the public sees last changed: a part, a tag or a
    # speaker's new name changes the talk too, so the API's ETag and
    # Last-Modified (and a sitemap's lastmod) move with it. update() sends no
    # signal, so this does not loop. A fixture brings its own updated_at.
    if not raw:
        Talk.objects.filter(pk__in=talk_ids).update(updated_at=timezone.now())
