"""Versions of a talk (django-reversion): what one holds, how to record, restore.

A version of a talk is one reversion revision holding the talk row and all it
shows: its parts, speaker rows (with the speaker record) and taggings (with the
tag). Keeping the speaker and tag records lets a diff name what an old version
said even after a tag was merged away; restoring never writes them back (a
restore changes one talk, not records other talks share).

Writers record with `recording()`: the admin (summaries/admin/history.py), the
importer, bulk actions, tag merges and restores.

Content that arrived without a recorded write (the shipped fixture, `loaddata`,
talks that existed before history did, rows written by plain ORM code) gets a
first version before its first recorded change, like django-reversion's
`createinitialrevisions`: `record_first_versions()` runs when a fixture is
loaded (`first_versions_after_loading`, on `talk_changed` with `raw`), and
before every recorded write of existing talks (`recording(..., talks=)` and the
talk admin), so "restore the original" is always possible.
"""

from collections import defaultdict
from contextlib import contextmanager

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reversion.models import Version
from reversion.signals import post_revision_commit

from .models import (
    PART_MODELS,
    Channel,
    Highlight,
    Keyword,
    OutlineChapter,
    PartsVersion,
    Speaker,
    Tag,
    TaggedTalk,
    Talk,
    TalkSpeaker,
    TranscriptSegment,
)
from .redirects import target_for
from .signals import collecting_changes
from .youtube import video_id

# What a talk's version follows, in the order a diff lists them.
PARTS = ("takeaways", "questions", "outline", "keywords", "highlights", "transcript")
# The long lists are not followed row by row: each is kept as one
# PartsVersion with every revision that holds the talk (`_keep_long_parts`).
LONG_PARTS = ("outline", "keywords", "highlights", "transcript")
FOLLOWED_PARTS = tuple(name for name in PARTS if name not in LONG_PARTS)
# Everything a talk shows, row by row (a review snapshot takes all of it).
TALK_FOLLOW = ("channel", *PARTS, "talk_speakers", "tagged_items")
# What a version follows row by row: all but the long lists.
VERSION_FOLLOW = ("channel", *FOLLOWED_PARTS, "talk_speakers", "tagged_items")
LONG_BY_MODEL = {
    OutlineChapter: "outline",
    Keyword: "keywords",
    Highlight: "highlights",
    TranscriptSegment: "transcript",
}
# Talk fields a restore writes back (never the bookkeeping ones).
RESTORED_FIELDS = (
    "title",
    "slug",
    "channel_id",
    "tldr",
    "video_date",
    "duration_seconds",
    "video_url",
    "status",
    "published_at",
    "expires_at",
)


def register():
    """Called once from AppConfig.ready()."""
    for model in (Channel, Speaker, Tag, *PART_MODELS):
        reversion.register(model)
    reversion.register(TalkSpeaker, follow=("speaker",))
    reversion.register(TaggedTalk, follow=("tag",))
    reversion.register(Talk, exclude=("tags", "speakers"), follow=VERSION_FOLLOW)
    post_revision_commit.connect(_keep_long_parts, dispatch_uid="keep-long-parts")


def _keep_long_parts(sender, revision, versions, **kwargs):
    """After a revision is saved: each talk it holds gets its long lists kept
    as they are now (one PartsVersion per list), in the same transaction."""
    talk_type = ContentType.objects.get_for_model(Talk)
    talk_ids = {int(v.object_id) for v in versions if v.content_type_id == talk_type.pk}
    if not talk_ids:
        return
    from .talk_parts import KINDS, TIMED

    kept = []
    for name in LONG_PARTS:
        model, column = KINDS[name]
        fields = ("start_seconds", column) if name in TIMED else (column,)
        items = defaultdict(list)
        rows = (
            model.objects.filter(talk_id__in=talk_ids)
            .order_by("talk_id", "position", "pk")
            .values_list("talk_id", *fields)
        )
        for talk_id, *values in rows.iterator(chunk_size=2000):
            items[talk_id].append(values)
        kept += [
            PartsVersion(
                revision=revision, talk_id=pk, part=name, items=items.get(pk, [])
            )
            for pk in talk_ids
        ]
    PartsVersion.objects.bulk_create(kept)


def record_first_versions(talk_ids, comment=None):
    """Record, as its first version, every talk of `talk_ids` that has none.

    Call it before the block that changes them: a version recorded inside an
    active revision would join that revision instead of coming before it.
    Returns the ids of the talks recorded.
    """
    ids = {int(pk) for pk in talk_ids if pk is not None}
    if not ids:
        return set()
    if reversion.is_active():
        raise RuntimeError("record_first_versions() must run before recording()")
    have = {
        int(pk)
        for pk in Version.objects.get_for_model(Talk)
        .filter(object_id__in=[str(pk) for pk in ids])
        .values_list("object_id", flat=True)
    }
    missing = list(
        Talk.objects.filter(pk__in=ids - have)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not missing:
        return set()
    with reversion.create_revision():
        reversion.set_comment(comment or _("最初の版（履歴を記録する前の内容）"))
        for pk in missing:
            record_written(Talk(pk=pk))
    return set(missing)


def first_versions_after_loading(sender, talk_ids, raw=False, **kwargs):
    """talk_changed receiver: a fixture (`loaddata`) wrote these talks as given;
    those with no version yet get the loaded content as their first version."""
    if raw and not reversion.is_active():
        record_first_versions(talk_ids, _("最初の版（読み込んだ内容）"))


@contextmanager
def recording(comment, user=None, manually=False, talks=()):
    """Record every talk written inside the block as a new version.

    Use it around any write that is not made through the talk admin, e.g. the
    importer: `with recording("インポート", user): importing.apply(...)`.
    It also sends `talk_changed` once, after the block. With `manually`, saves
    add nothing by themselves: the block calls record_written() for each talk
    (cheaper for bulk writers, which would otherwise record rows twice).
    `talks`: ids of existing talks the block changes; each that has no version
    yet first gets one holding its content as it is before the block.
    """
    record_first_versions(talks)
    with collecting_changes(), reversion.create_revision(manage_manually=manually):
        reversion.set_comment(comment)
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        yield


def record_current(talk):
    """Put the talk as it now is in the revision being recorded.

    Signals record rows as they are saved, but the ordered inlines move rows
    with UPDATE (no signal) and taggit deletes with a query: this takes the
    final state explicitly, row by row.
    """
    talk = Talk.objects.get(pk=talk.pk)
    reversion.add_to_revision(talk)
    for name in VERSION_FOLLOW[1:]:
        for row in getattr(talk, name).all():
            reversion.add_to_revision(row)


def record_written(talk):
    """Put a talk just written by bulk inserts (no signals, rows new to the
    revision) in the revision: its row, and through `follow=` every part,
    speaker row and tagging as they now are. Cheaper than record_current()."""
    # Prefetched: reversion's follow= then reads every related row from memory.
    talk = (
        Talk.objects.select_related("channel")
        .prefetch_related(
            *FOLLOWED_PARTS, "talk_speakers__speaker", "tagged_items__tag"
        )
        .get(pk=talk.pk)
    )
    reversion.add_to_revision(talk)


def versions_of(talk_id):
    """The talk's versions, newest first, each with its revision and user."""
    return (
        Version.objects.get_for_object_reference(Talk, talk_id)
        .select_related("revision__user")
        .order_by("-pk")
    )


def latest_version_id(talk_id):
    return versions_of(talk_id).values_list("pk", flat=True).first() or 0


def restore(version, user):
    """Bring the talk back to `version`; the result is recorded as a new version.

    Returns notes (str) on what could not come back as it was, e.g. a slug now
    used by another talk, or a speaker record deleted since.
    """
    talk_id = int(version.object_id)
    objects = [
        each._object_version.object
        for each in version.revision.version_set.select_related("content_type")
    ]
    # The long lists the revision kept whole, as rows (older revisions hold
    # them as Version rows, above).
    kept = long_parts_of(version.revision, talk_id)
    long_models = {model for model, name in LONG_BY_MODEL.items() if name in kept}
    objects = [
        obj
        for obj in objects
        if not (type(obj) in long_models and obj.talk_id == talk_id)
    ]
    for model, name in LONG_BY_MODEL.items():
        objects += _kept_rows(model, name, talk_id, kept.get(name, ()))
    when = version.revision.date_created
    comment = _("%(date)s の版を復元") % {"date": _local(when)}
    return write_state(talk_id, objects, comment, user)


def write_state(talk_id, objects, comment, user=None):
    """Make the talk what `objects` say (a talk row, its parts, speaker rows,
    taggings, with their speaker and tag records, as deserialised from a
    version or a review snapshot), recorded as a new version. Returns notes."""
    by_model = defaultdict(list)
    for obj in objects:
        by_model[type(obj)].append(obj)
    old_talk = next(obj for obj in by_model[Talk] if obj.pk == talk_id)
    notes = []
    with recording(comment, user, talks={talk_id}):
        talk = Talk.objects.select_for_update().get(pk=talk_id)
        _restore_talk(talk, old_talk, notes)
        for model in PART_MODELS:
            rows = _of_talk(by_model[model], talk_id)
            if model in LONG_BY_MODEL:
                # Thousands of rows: written in one go (talk_parts.write).
                _restore_long_part(talk, LONG_BY_MODEL[model], rows)
            else:
                _restore_rows(model, talk, rows, notes)
        _restore_rows(
            TalkSpeaker, talk, _of_talk(by_model[TalkSpeaker], talk_id), notes
        )
        _restore_tags(talk, by_model, notes)
        record_current(talk)
    return notes


def long_parts_of(revision, talk_id):
    """{part name: [[start_seconds, text]] or [[text]]} as the revision kept
    them; empty for revisions from before PartsVersion (their rows are
    Version rows)."""
    return dict(
        PartsVersion.objects.filter(revision=revision, talk_id=talk_id).values_list(
            "part", "items"
        )
    )


def _kept_rows(model, name, talk_id, items):
    """Unsaved rows of `model` from a PartsVersion's items."""
    from .talk_parts import KINDS, TIMED

    column = KINDS[name][1]
    if name in TIMED:
        return [
            model(talk_id=talk_id, position=n, start_seconds=start, **{column: text})
            for n, (start, text) in enumerate(items, start=1)
        ]
    return [
        model(talk_id=talk_id, position=n, **{column: text})
        for n, (text,) in enumerate(items, start=1)
    ]


def _restore_long_part(talk, name, rows):
    from .talk_parts import KINDS, TIMED, write

    column = KINDS[name][1]
    rows = sorted(rows, key=lambda row: row.position)
    if name in TIMED:
        items = [(int(row.start_seconds), getattr(row, column)) for row in rows]
    else:
        items = [getattr(row, column) for row in rows]
    write(talk, **{name: items})


def _local(when):
    return date_format(timezone.localtime(when), "DATETIME_FORMAT")


def _of_talk(rows, talk_id):
    """Rows of this talk only (a tag merge records several talks in one revision)."""
    attname = "content_object_id" if rows and type(rows[0]) is TaggedTalk else "talk_id"
    return [row for row in rows if getattr(row, attname) == talk_id]


def _restore_talk(talk, old, notes):
    for name in RESTORED_FIELDS:
        setattr(talk, name, getattr(old, name))
    if Talk.objects.exclude(pk=talk.pk).filter(slug=old.slug).exists():
        talk.slug = Talk.objects.values_list("slug", flat=True).get(pk=talk.pk)
        notes.append(
            _("スラッグ「%(slug)s」は別の講演が使っているため、今のままにしました。")
            % {"slug": old.slug}
        )
    old_video = video_id(old.video_url)
    if (
        old_video
        and Talk.objects.exclude(pk=talk.pk).filter(video_id=old_video).exists()
    ):
        # One talk per video (Talk.video_id): the other talk keeps it.
        talk.video_url = Talk.objects.values_list("video_url", flat=True).get(
            pk=talk.pk
        )
        notes.append(
            _("動画のアドレス「%(url)s」は別の講演の動画なので、今のままにしました。")
            % {"url": old.video_url}
        )
    if not Channel.objects.filter(pk=old.channel_id).exists():
        talk.channel_id = Talk.objects.values_list("channel_id", flat=True).get(
            pk=talk.pk
        )
        notes.append(_("当時のチャンネルは削除されているため、今のままにしました。"))
    talk.save()


def _restore_rows(model, talk, rows, notes):
    if model is TalkSpeaker:
        wanted = [row.speaker_id for row in rows]
        existing = set(
            Speaker.objects.filter(pk__in=wanted).values_list("pk", flat=True)
        )
        for row in rows:
            if row.speaker_id not in existing:
                notes.append(_("削除された登壇者は復元できませんでした。"))
        rows = [r for r in rows if r.speaker_id in existing]
    current = model.objects.filter(talk=talk)
    for gone in current.exclude(pk__in=[r.pk for r in rows]):
        gone.delete()  # one by one, so each delete is announced
    # Park the rows that stay above every position in play, so writing the old
    # positions back never meets the unique (talk, position) constraint.
    top = max(
        [
            current.aggregate(top=Max("position"))["top"] or 0,
            *(r.position for r in rows),
        ]
    )
    for offset, pk in enumerate(current.values_list("pk", flat=True), start=1):
        current.filter(pk=pk).update(position=top + offset)
    for row in rows:
        row.talk = talk
        row.save()


def _restore_tags(talk, by_model, notes):
    old_tags = {tag.pk: tag for tag in by_model[Tag]}
    tags = []
    for tagging in _of_talk(by_model[TaggedTalk], talk.pk):
        tag_id = tagging.tag_id
        tag = Tag.objects.filter(pk=tag_id).first()
        if tag is None and tag_id in old_tags:
            # Merged away since: follow its old address; else bring the name back.
            tag = target_for(Tag, old_tags[tag_id].slug)
            if tag is None:
                tag = Tag.objects.resolve([old_tags[tag_id].name]).popitem()[1]
        if tag is not None and tag not in tags:
            tags.append(tag)
    talk.tags.set(tags)
