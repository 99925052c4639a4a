"""A talk and everything it shows as one JSON text, and back.

The same serialisation django-reversion stores versions with (Django's JSON
serialiser, row by row): the talk row, its parts, speaker rows with their
speaker records, taggings with their tags. Applying one goes through the
same code as restoring a version (`history.write_state`).
"""

from django.core import serializers

from .. import diffs
from ..history import PARTS, TALK_FOLLOW, write_state
from ..models import Channel, Speaker, Tag, TaggedTalk, Talk, TalkSpeaker


def take(talk_id, **overrides):
    """The talk as it is now in this transaction, as JSON (with `overrides`
    of its own fields, e.g. the publication an editor asks for)."""
    talk = Talk.objects.get(pk=talk_id)
    for name, value in overrides.items():
        setattr(talk, name, value)
    rows = [talk]
    for name in TALK_FOLLOW[1:]:
        rows.extend(getattr(talk, name).all())
    rows.extend(row.speaker for row in talk.talk_speakers.select_related("speaker"))
    rows.extend(row.tag for row in talk.tagged_items.select_related("tag"))
    return serializers.serialize("json", rows)


def objects(snapshot):
    """The rows of a snapshot, as unsaved model instances (fields unknown
    today are skipped, so a snapshot outlives a removed field)."""
    return [
        each.object
        for each in serializers.deserialize("json", snapshot, ignorenonexistent=True)
    ]


def talk_of(snapshot, talk_id):
    return next(
        obj for obj in objects(snapshot) if type(obj) is Talk and obj.pk == talk_id
    )


def changes(snapshot, talk_id):
    """What applying the snapshot would change, compared with the talk now."""
    return diffs.compare(
        diffs.from_database(talk_id), diffs.from_objects(objects(snapshot), talk_id)
    )


def apply(snapshot, talk_id, comment, user=None, **overrides):
    """Write the snapshot as the talk (a new version in its history)."""
    rows = objects(snapshot)
    for obj in rows:
        if type(obj) is Talk and obj.pk == talk_id:
            for name, value in overrides.items():
                setattr(obj, name, value)
    return write_state(talk_id, rows, comment, user)


def preview(snapshot, talk):
    """The live `talk` (fetched with its parts for its page) made to show the
    snapshot instead, writing nothing: fields and prefetched parts replaced."""
    rows = objects(snapshot)
    by_type = {}
    for obj in rows:
        by_type.setdefault(type(obj), []).append(obj)
    new = next(obj for obj in by_type[Talk] if obj.pk == talk.pk)
    for field in Talk._meta.concrete_fields:
        if field.name not in KEPT_FIELDS:
            setattr(talk, field.attname, getattr(new, field.attname))
    if talk.channel_id != new.channel_id or not Talk.channel.is_cached(talk):
        talk.channel = Channel.objects.filter(pk=new.channel_id).first()
    cache = talk.__dict__.setdefault("_prefetched_objects_cache", {})
    for name in PARTS:
        model = Talk._meta.get_field(name).related_model
        cache[name] = sorted(by_type.get(model, []), key=lambda row: row.position)
    speakers = {speaker.pk: speaker for speaker in by_type.get(Speaker, [])}
    talk_speakers = sorted(by_type.get(TalkSpeaker, []), key=lambda row: row.position)
    for row in talk_speakers:
        if row.speaker_id in speakers:
            row.speaker = speakers[row.speaker_id]
    cache["talk_speakers"] = [
        row for row in talk_speakers if row.speaker_id in speakers
    ]
    tags = {tag.pk: tag for tag in by_type.get(Tag, [])}
    cache["tags"] = [
        tags[row.tag_id] for row in by_type.get(TaggedTalk, []) if row.tag_id in tags
    ]
    return talk


# What a preview keeps from the live row: its identity and bookkeeping.
KEPT_FIELDS = ("id", "created_at", "updated_at", "change_due_at", "is_generated")
