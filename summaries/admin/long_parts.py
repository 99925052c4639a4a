"""The long lists of a talk as one text area each: transcript, outline,
highlights (`H:MM:SS text` lines) and keywords (one a line).

One row per item made a two-hour transcript a form of 18,000 fields, which
Django refuses (DATA_UPLOAD_MAX_NUMBER_FIELDS); a text area is one field
whatever it holds. Each line is checked, and every problem is named by its
line number. Saving writes only the lists that changed, through
talk_parts.write(), inside the admin's save: one change event, one version
(the history, its diffs and restore see rows, as before). Takeaways and Q&A
keep their inline rows (emoji field, drag ordering); limits.py bounds them.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import limits
from ..models import Keyword, OutlineChapter
from ..talk_parts import LARGEST_SECONDS, TIMED, current, write
from ..text import format_timecode, parse_timecode

LINE = re.compile(r"\r\n|\r|\n")
TIMED_LINE = re.compile(r"^\s*(\d+(?::\d+){0,2})(?:\s+(.*?))?\s*$")
SHOWN_ERRORS = 20
# The longest text of one item, where the column has a bound.
MOST_CHARACTERS = {
    "outline": OutlineChapter._meta.get_field("title").max_length,
    "keywords": Keyword._meta.get_field("text").max_length,
}


def render_lines(name, rows):
    """[(seconds or None, text)] -> the text area's text."""
    if name in TIMED:
        return "\n".join(f"{format_timecode(s)} {' '.join(t.split())}" for s, t in rows)
    return "\n".join(" ".join(t.split()) for _s, t in rows)


class PartLinesField(forms.CharField):
    """A text area holding one part, a line per item; cleans to
    [(seconds or None, text)]."""

    def __init__(self, name, **kwargs):
        self.part = name
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            forms.Textarea(
                attrs={
                    "rows": 12,
                    "cols": 80,
                    "class": "vLargeTextField part-lines",
                    "spellcheck": "false",
                }
            ),
        )
        super().__init__(strip=False, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return render_lines(self.part, value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        rows, problems = [], []
        most = MOST_CHARACTERS.get(self.part)
        for number, line in enumerate(LINE.split(value or ""), start=1):
            if not line.strip():
                continue
            if self.part in TIMED:
                seconds, text, problem = self._timed(line)
                if problem:
                    problems.append((number, problem))
                    continue
            else:
                seconds, text = None, " ".join(line.split())
            if most and len(text) > most:
                problems.append(
                    (
                        number,
                        _("長すぎます（%(length)d文字。%(most)d文字までです）。")
                        % {"length": len(text), "most": most},
                    )
                )
                continue
            rows.append((seconds, text))
        if problems:
            raise ValidationError(self._messages(problems), code="invalid")
        over = limits.excess(self.part, len(rows))
        if over:
            raise ValidationError(over.message, code="too_many")
        return rows

    @staticmethod
    def _timed(line):
        """(seconds, text, None) or (None, None, what is wrong)."""
        match = TIMED_LINE.match(line)
        if not match:
            found = line.strip()
            found = found if len(found) <= 30 else found[:30] + "…"
            return (
                None,
                None,
                _(
                    "「%(found)s」は「時:分:秒 文」の形ではありません。"
                    "例: 1:02:05 ご清聴ありがとうございました。"
                )
                % {"found": found},
            )
        time, text = match.groups()
        try:
            seconds = int(time) if time.isdigit() else parse_timecode(time)
        except ValueError:
            return (
                None,
                None,
                _(
                    "時刻「%(time)s」が読めません。「1:02」か「1:02:05」の形"
                    "（分と秒は00〜59）で書いてください。"
                )
                % {"time": time},
            )
        if seconds > LARGEST_SECONDS:
            return (
                None,
                None,
                _("時刻が大きすぎます（%(seconds)d秒）。") % {"seconds": seconds},
            )
        if not text:
            return (
                None,
                None,
                _("時刻%(time)sの後に文がありません。") % {"time": time},
            )
        return seconds, " ".join(text.split()), None

    @staticmethod
    def _messages(problems):
        messages = [
            _("%(line)d行目: %(message)s") % {"line": n, "message": m}
            for n, m in problems[:SHOWN_ERRORS]
        ]
        if len(problems) > SHOWN_ERRORS:
            messages.append(
                _("ほかに%(count)d行、直すところがあります。")
                % {"count": len(problems) - SHOWN_ERRORS}
            )
        return messages


def _field(name, label, help_text):
    return PartLinesField(
        name,
        label=label,
        help_text=format_lazy(
            gettext_lazy("{help} 1つの講演に{most}行まで。"),
            help=help_text,
            most=limits.MOST[name],
        ),
    )


class LongPartsFormMixin(forms.Form):
    """For the talk form: the text areas, filled from the talk, saved by
    `save_long_parts()` (call it inside the admin's save)."""

    keywords_lines = _field(
        "keywords", gettext_lazy("キーワード"), gettext_lazy("1行に1つ。")
    )
    outline_lines = _field(
        "outline",
        gettext_lazy("アウトライン"),
        gettext_lazy(
            "1行に1章、「時:分:秒 見出し」の形（1時間未満なら「分:秒」）。"
            "例: 12:30 避難所の見える化"
        ),
    )
    highlights_lines = _field(
        "highlights",
        gettext_lazy("ハイライト"),
        gettext_lazy("1行に1つ、「時:分:秒 引用」の形。例: 5:10 紙をやめると決めた日"),
    )
    transcript_lines = _field(
        "transcript",
        gettext_lazy("文字起こし"),
        gettext_lazy(
            "1行に1区間、「時:分:秒 発言」の形。例: 1:02:05 宮坂：ご清聴ありがとう"
            "ございました。字幕ファイルからは「字幕から文字起こしを作成」で作れます。"
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            return
        for field, name in LONG_PARTS:
            if field not in self.fields:
                continue
            text = render_lines(name, current(self.instance, name))
            try:
                # Kept as the text area shows it, so an untouched one is not
                # "changed" (a line break inside an item becomes a space only
                # when the editor edits that list).
                self.initial[field] = self.fields[field].to_python(text)
            except ValidationError:
                self.initial[field] = text  # over a bound set since: fix to save

    def save_long_parts(self, talk):
        """Write the lists that changed; their names."""
        parts = {
            name: self.cleaned_data[field]
            for field, name in LONG_PARTS
            if field in self.changed_data and field in self.cleaned_data
        }
        return write(talk, **parts) if parts else []


# (form field, part name), in the order of the form.
LONG_PARTS = (
    ("keywords_lines", "keywords"),
    ("outline_lines", "outline"),
    ("highlights_lines", "highlights"),
    ("transcript_lines", "transcript"),
)
FIELD_NAMES = [field for field, _name in LONG_PARTS]
