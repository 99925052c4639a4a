"""What a version of a talk says, and what changed between two, for editors.

A `Snapshot` is a talk as text: each field as it displays, each list (takeaways,
Q&A, outline…) as its items in order. It is made the same way from a stored
version or from the database, so "since you opened the form" and "between two
versions" are one comparison. Text stays text: templates escape it.
"""

import difflib
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .history import RESTORED_FIELDS, long_parts_of
from .models import (
    Channel,
    Highlight,
    Keyword,
    OutlineChapter,
    Question,
    Speaker,
    Tag,
    TaggedTalk,
    Takeaway,
    Talk,
    TalkSpeaker,
    TranscriptSegment,
)
from .text import format_timecode

# The talk's own fields a version compares: the ones a restore writes back.
FIELDS = RESTORED_FIELDS
# list name -> (model, label, how one item reads)
LISTS = {
    "speakers": (TalkSpeaker, gettext_lazy("登壇者"), None),
    "tags": (TaggedTalk, gettext_lazy("タグ"), None),
    "takeaways": (
        Takeaway,
        gettext_lazy("要点"),
        lambda r: f"{r['emoji']} {r['text']}".strip(),
    ),
    "questions": (
        Question,
        gettext_lazy("質問と回答"),
        lambda r: f"Q: {r['text']}\nA: {r['answer']}",
    ),
    "outline": (
        OutlineChapter,
        gettext_lazy("アウトライン"),
        lambda r: f"{format_timecode(r['start_seconds'])} {r['title']}",
    ),
    "keywords": (Keyword, gettext_lazy("キーワード"), lambda r: r["text"]),
    "highlights": (
        Highlight,
        gettext_lazy("ハイライト"),
        lambda r: f"{format_timecode(r['start_seconds'])} {r['text']}",
    ),
    "transcript": (
        TranscriptSegment,
        gettext_lazy("文字起こし"),
        lambda r: f"{format_timecode(r['start_seconds'])} {r['text']}",
    ),
}


@dataclass
class Snapshot:
    fields: dict = field(default_factory=dict)  # field name -> text
    lists: dict = field(default_factory=dict)  # list name -> [text]


# Texts longer than this are shown whole on each side (a character diff of
# two long texts costs time that grows with the product of their lengths).
INLINE_MAX = 5_000
# Below this share of characters in common (SequenceMatcher.ratio), the two
# texts are different texts: each is shown whole, struck out and new.
MIN_SIMILAR = 0.75
# Unchanged runs shorter than this between two changes join the change:
# a character diff of Japanese otherwise keeps every の and は in place,
# and the change reads as confetti.
MIN_KEPT = 3


def inline(old, new):
    """(old parts, new parts): each a list of (changed, text), so that only
    what changed is struck out on one side and marked new on the other (an
    appended sentence is one insertion, not the whole paragraph twice).
    None when either side is empty or too long to compare, or when they have
    too little in common to read as one text edited (MIN_SIMILAR)."""
    if not old or not new or len(old) + len(new) > INLINE_MAX:
        return None
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    if matcher.ratio() < MIN_SIMILAR:
        return None
    codes = matcher.get_opcodes()
    merged = []
    for number, (tag, i1, i2, j1, j2) in enumerate(codes):
        inside = 0 < number < len(codes) - 1
        if tag == "equal" and inside and i2 - i1 < MIN_KEPT:
            tag = "replace"
        if merged and tag != "equal" and merged[-1][0] != "equal":
            _tag, a1, _a2, b1, _b2 = merged.pop()
            merged.append(("replace", a1, i2, b1, j2))
        else:
            merged.append((tag, i1, i2, j1, j2))
    old_parts, new_parts = [], []
    for tag, i1, i2, j1, j2 in merged:
        changed = tag != "equal"
        for parts, text in ((old_parts, old[i1:i2]), (new_parts, new[j1:j2])):
            if not text:
                continue
            if parts and parts[-1][0] == changed:  # an insertion splits no kept text
                parts[-1] = (changed, parts[-1][1] + text)
            else:
                parts.append((changed, text))
    return old_parts, new_parts


class _Inline:
    @property
    def parts(self):
        """`inline(old, new)`, computed once when a template asks."""
        if not hasattr(self, "_parts"):
            self._parts = inline(self.old, self.new)
        return self._parts


@dataclass
class FieldChange(_Inline):
    label: str
    old: str
    new: str


@dataclass
class ItemRow(_Inline):
    old_number: int | None
    old: str | None
    new_number: int | None
    new: str | None


@dataclass
class ListChange:
    label: str
    rows: list


def from_revision(revision, talk_id):
    """The talk as stored in one reversion revision."""
    rows = defaultdict(list)
    for version in revision.version_set.select_related("content_type"):
        rows[version._model].append(
            {"pk": int(version.object_id), **version.field_dict}
        )
    # The long lists, kept whole with the revision (models/versions.py);
    # older revisions hold them as Version rows, read above.
    for name, items in long_parts_of(revision, talk_id).items():
        model = LISTS[name][0]
        rows[model] = [r for r in rows[model] if r["talk_id"] != talk_id]
        rows[model] += [
            _kept_row(name, talk_id, n, item) for n, item in enumerate(items, 1)
        ]
    return _snapshot(rows, talk_id)


def _kept_row(name, talk_id, position, item):
    row = {"pk": None, "talk_id": talk_id, "position": position}
    if name == "keywords":
        return {**row, "text": item[0]}
    column = "title" if name == "outline" else "text"
    return {**row, "start_seconds": item[0], column: item[1]}


def from_objects(objects, talk_id):
    """The talk as deserialised rows say (a review snapshot)."""
    rows = defaultdict(list)
    for obj in objects:
        rows[type(obj)].append(_row(obj))
    return _snapshot(rows, talk_id)


def from_database(talk_id):
    """The talk as it is now."""
    rows = defaultdict(list)
    talk = Talk.objects.get(pk=talk_id)
    rows[Talk].append(_row(talk))
    for model, _label, _text in LISTS.values():
        lookup = "content_object_id" if model is TaggedTalk else "talk_id"
        rows[model].extend(
            _row(obj) for obj in model.objects.filter(**{lookup: talk_id})
        )
    return _snapshot(rows, talk_id)


def _row(obj):
    return {
        "pk": obj.pk,
        **{f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields},
    }


def _snapshot(rows, talk_id):
    talk = next((r for r in rows[Talk] if r["pk"] == talk_id), None)
    if talk is None:
        return Snapshot()
    names = _Names(rows)
    snapshot = Snapshot(
        fields={name: _field_text(name, talk.get(name), names) for name in FIELDS}
    )
    for name, (model, _label, text) in LISTS.items():
        if model is TaggedTalk:
            mine = [r for r in rows[model] if r["content_object_id"] == talk_id]
            snapshot.lists[name] = sorted(names.tag(r["tag_id"]) for r in mine)
            continue
        mine = sorted(
            (r for r in rows[model] if r["talk_id"] == talk_id),
            key=lambda r: r["position"],
        )
        if model is TalkSpeaker:
            snapshot.lists[name] = [
                _("%(name)s（%(role)s）")
                % {"name": names.speaker(r["speaker_id"]), "role": r["role"]}
                if r["role"]
                else names.speaker(r["speaker_id"])
                for r in mine
            ]
        else:
            snapshot.lists[name] = [text(r) for r in mine]
    return snapshot


class _Names:
    """Names of channels, speakers and tags: as stored with the version, else now."""

    def __init__(self, rows):
        self.stored = {
            model: {r["pk"]: r for r in rows[model]}
            for model in (Channel, Speaker, Tag)
        }

    def _name(self, model, pk):
        row = self.stored[model].get(pk)
        if row is not None:
            return row["name"]
        name = model.objects.filter(pk=pk).values_list("name", flat=True).first()
        return name if name is not None else _("（削除済み #%(pk)s）") % {"pk": pk}

    def channel(self, pk):
        return self._name(Channel, pk)

    def speaker(self, pk):
        return self._name(Speaker, pk)

    def tag(self, pk):
        return self._name(Tag, pk)


def _field_text(name, value, names):
    if value is None or value == "":
        return ""
    match name:
        case "channel_id":
            return names.channel(value)
        case "video_date":
            return date_format(value, "DATE_FORMAT")
        case "published_at" | "expires_at":
            return date_format(timezone.localtime(value), "Y-m-d H:i:s")
        case "duration_seconds":
            return format_timecode(value)
        case "status":
            return str(Talk.Status(value).label)
    return str(value)


def field_label(name):
    return str(Talk._meta.get_field(name.removesuffix("_id")).verbose_name)


def compare(old, new):
    """What changed from `old` to `new`: fields, then lists item by item."""
    changes = []
    for name in FIELDS:
        before, after = old.fields.get(name, ""), new.fields.get(name, "")
        if before != after:
            changes.append(FieldChange(field_label(name), before, after))
    for name, (_model, label, _text) in LISTS.items():
        before, after = old.lists.get(name, []), new.lists.get(name, [])
        if before != after:
            changes.append(ListChange(str(label), _item_rows(before, after)))
    return changes


def _item_rows(before, after):
    """Changed items side by side, numbered as the editor sees them (1, 2…)."""
    rows = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            i, j = i1 + k, j1 + k
            rows.append(
                ItemRow(
                    i + 1 if i < i2 else None,
                    before[i] if i < i2 else None,
                    j + 1 if j < j2 else None,
                    after[j] if j < j2 else None,
                )
            )
    return rows
