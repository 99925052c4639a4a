"""Writing a talk's long lists in one go: transcript, outline, highlights, keywords.

    from summaries.talk_parts import replace_transcript
    replace_transcript(talk, captions.segments, outline=chapters.chapters,
                       user=request.user, comment="字幕から文字起こしを作成")

Items are anything with `start_seconds` and `text` (summary_format's and the
captions' TimedData), or `(start_seconds, text)` pairs; keywords are strings.
All or nothing: every item is checked first (limits.py, the columns' sizes),
then the old rows are deleted and the new ones inserted in one transaction,
inside `history.recording()`, so the talk gets one new version and listeners
hear one `talk_changed` after the commit. Rows are numbered 1, 2, 3… in the
order given. `PartError` (a ValueError; `str()` is the message in the
request's language, `index` the item from 0) says what is wrong; nothing is
written then.

`write()` is the same without its own history record: for writers already
inside one (the talk admin's save, whose version covers the whole form).
"""

from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from . import history, limits
from .models import Highlight, Keyword, OutlineChapter, Talk, TranscriptSegment
from .signals import announce

LARGEST_SECONDS = 2**31 - 1  # PositiveIntegerField, on every database

# name -> (model, the text column)
KINDS = {
    "transcript": (TranscriptSegment, "text"),
    "outline": (OutlineChapter, "title"),
    "highlights": (Highlight, "text"),
    "keywords": (Keyword, "text"),
}
TIMED = ("transcript", "outline", "highlights")

NO_TEXT = gettext_noop("%(part)sの%(n)d個目に文がありません。")
BAD_TIME = gettext_noop(
    "%(part)sの%(n)d個目の時刻（%(seconds)s）は0秒から%(largest)d秒の間で"
    "なければなりません。"
)
TOO_LONG = gettext_noop(
    "%(part)sの%(n)d個目が長すぎます（%(length)d文字。%(most)d文字までです）。"
)


class PartError(ValueError):
    """An item that cannot be written: `name` (the part), `index` (from 0)."""

    def __init__(self, message, name=None, index=None):
        super().__init__(message)
        self.name = name
        self.index = index


def _label(name):
    return gettext(limits.LABELS[name])


def _rows(name, items):
    """[(start_seconds or None, text)], checked; PartError/TooMany if not."""
    limits.check(name, len(items))
    model, column = KINDS[name]
    most = model._meta.get_field(column).max_length
    rows = []
    for index, item in enumerate(items):
        if name in TIMED:
            if isinstance(item, tuple):
                start, text = item[0], item[1]
            else:
                start, text = item.start_seconds, item.text
            if (
                not isinstance(start, int)
                or isinstance(start, bool)
                or not 0 <= start <= LARGEST_SECONDS
            ):
                params = {
                    "part": _label(name),
                    "n": index + 1,
                    "seconds": start,
                    "largest": LARGEST_SECONDS,
                }
                raise PartError(gettext(BAD_TIME) % params, name, index)
        elif isinstance(item, tuple):  # (None, text), as the admin's text area cleans
            start, text = None, item[-1]
        else:
            start, text = None, getattr(item, "text", item)
        text = str(text).strip()
        if not text:
            params = {"part": _label(name), "n": index + 1}
            raise PartError(gettext(NO_TEXT) % params, name, index)
        if most and len(text) > most:
            params = {
                "part": _label(name),
                "n": index + 1,
                "length": len(text),
                "most": most,
            }
            raise PartError(gettext(TOO_LONG) % params, name, index)
        rows.append((start, text))
    return rows


def current(talk, name):
    """The part as it is stored: [(start_seconds or None, text)], in order."""
    model, column = KINDS[name]
    fields = ("start_seconds", column) if name in TIMED else (column,)
    values = model.objects.filter(talk=talk).order_by("position", "pk")
    values = values.values_list(*fields)
    return [tuple(v) if name in TIMED else (None, v[0]) for v in values]


def write(talk, **parts):
    """Replace each part given (`transcript=[...]`, `outline=`, `highlights=`,
    `keywords=`); a part given as None is left as it is. Returns the names of
    the parts that changed. Checks everything before writing anything."""
    checked = {
        name: _rows(name, items) for name, items in parts.items() if items is not None
    }
    changed = [name for name, rows in checked.items() if rows != current(talk, name)]
    if not changed:
        return []
    with transaction.atomic():
        # Writers of one talk take turns.
        Talk.objects.select_for_update().filter(pk=talk.pk).exists()
        for name in changed:
            model, column = KINDS[name]
            # A raw delete: no per-row signals for thousands of rows; the one
            # change event below says it for all of them.
            model.objects.filter(talk=talk)._raw_delete(model.objects.db)
            model.objects.bulk_create(
                (
                    model(
                        talk=talk,
                        position=position,
                        **({"start_seconds": start} if name in TIMED else {}),
                        **{column: text},
                    )
                    for position, (start, text) in enumerate(checked[name], start=1)
                ),
                batch_size=500,
            )
        announce({talk.pk})
    return changed


def replace(talk, *, user=None, comment=None, **parts):
    """`write()`, recorded as a new version of the talk (by `user`, with
    `comment`). Returns the names of the parts that changed; when nothing
    changed, nothing is written or recorded."""
    comment = comment or gettext("文字起こしなどの置き換え")
    with history.recording(comment, user, manually=True):
        with transaction.atomic():
            changed = write(talk, **parts)
            if changed:
                history.record_written(talk)
    return changed


def replace_transcript(talk, segments, outline=None, *, user=None, comment=None):
    """Replace the talk's transcript (and its outline, when `outline` is given)
    all or nothing, recorded in its history. `segments` and `outline` hold
    items with `start_seconds` and `text`, or (start_seconds, text) pairs.
    Returns the names of the parts that changed."""
    return replace(
        talk, user=user, comment=comment, transcript=segments, outline=outline
    )
