"""The admin's 字幕から文字起こしを作成 page, one per talk: upload or paste a
caption file (and a chapter list), see what it becomes, confirm.

As with the summary import, nothing read is trusted from the browser: the
preview puts the file's text back in the form, the confirmation posts it
again and it is read again; if the result differs from what was previewed
(the text was edited, the talk changed), the new preview is shown instead.
Confirming replaces the transcript (and the outline, when chapters are
given) all or nothing through talk_parts.replace_transcript: one change
event, one version in the talk's history.
"""

import hashlib
import json

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.validators import FileExtensionValidator
from django.db import DatabaseError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import limits
from ..bidi import isolate
from ..body_limits import body_limit
from ..captions import CaptionError, parse_captions, parse_chapters
from ..captions.decoding import decode
from ..importer import describe
from ..review.gate import submit_or_apply
from ..talk_parts import PartError, replace_transcript
from ..text import format_timecode

LARGEST_FILE = 2 * 1024 * 1024  # a four-hour manual caption file, with room
# The file with the form's fields, or its text posted back with the chapters.
BODY_LIMIT = 3 * 1024 * 1024
SHOWN = 3  # segments shown from each end of the transcript in the preview


class CaptionsForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("字幕ファイル"),
        required=False,
        validators=[FileExtensionValidator(["vtt", "srt", "txt"])],
        help_text=gettext_lazy(
            "YouTube Studio などから保存した .vtt（WebVTT）か .srt のファイル。"
            "自動生成の字幕も読めます。2 MB まで。"
        ),
    )
    text = forms.CharField(
        label=gettext_lazy("または字幕の中身を貼り付け"),
        required=False,
        strip=False,
        widget=forms.Textarea(
            attrs={"rows": 10, "cols": 80, "class": "vLargeTextField"}
        ),
        help_text=gettext_lazy(
            "「WEBVTT」で始まる中身か、SRT の中身（番号、時刻の行、字幕の文）。"
        ),
    )
    chapters = forms.CharField(
        label=gettext_lazy("章立て（任意）"),
        required=False,
        strip=False,
        widget=forms.Textarea(
            attrs={"rows": 6, "cols": 80, "class": "vLargeTextField"}
        ),
        help_text=gettext_lazy(
            "動画の説明欄の「0:00 はじめに」の形の行をそのまま貼り付けるか、"
            "WebVTT の章立ての中身を貼り付けます。アウトラインを置き換えます。"
            "空なら今のアウトラインはそのままです。"
        ),
    )
    encoding = forms.ChoiceField(
        label=gettext_lazy("ファイルの文字コード"),
        required=False,
        choices=[
            ("", gettext_lazy("UTF-8")),
            ("cp932", gettext_lazy("Shift_JIS（cp932）")),
        ],
    )
    source = forms.CharField(required=False, widget=forms.HiddenInput)
    digest = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload and data.get("text", "").strip():
            raise forms.ValidationError(
                _("ファイルと貼り付けの、どちらか一方だけにしてください。")
            )
        if upload and upload.size > LARGEST_FILE:
            self.add_error("file", _("ファイルが大きすぎます（2 MB まで）。"))
        elif not upload and not data.get("text", "").strip():
            raise forms.ValidationError(
                _("字幕ファイルを選ぶか、字幕の中身を貼り付けてください。")
            )
        return data


class CaptionsImportMixin:
    """For TalkAdmin: the captions page of each talk, linked from its change page."""

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}_captions"
        view = self.admin_site.admin_view(self.captions_view)
        return [
            path("<path:object_id>/captions/", view, name=name),
            *super().get_urls(),
        ]

    @body_limit(BODY_LIMIT)
    def captions_view(self, request, object_id):
        talk = get_object_or_404(self.model, pk=unquote(object_id))
        if not self.has_change_permission(request, talk):
            raise PermissionDenied
        form = CaptionsForm(request.POST or None, request.FILES or None)
        context = {}
        if request.method == "POST" and form.is_valid():
            response = self._read_captions(request, talk, form, context)
            if response:
                return response
        opts = self.model._meta
        return TemplateResponse(
            request,
            "admin/summaries/talk/captions.html",
            {
                **self.admin_site.each_context(request),
                "opts": opts,
                "original": talk,
                "title": _("字幕から文字起こしを作成"),
                "subtitle": talk.title,
                "form": context.pop("form", form),
                "has_transcript": talk.transcript.exists(),
                "limit": limits.MOST["transcript"],
                **context,
            },
        )

    def _read_captions(self, request, talk, form, context):
        data = form.cleaned_data
        source = data["file"].name if data["file"] else data["source"]
        source = source or _("貼り付けた字幕")
        context["source"] = source
        text = data["text"]
        duration = talk.duration_seconds or None
        which = _("字幕")
        try:
            if data["file"]:
                # The preview carries the text; confirming reads it again.
                text = decode(data["file"].read(), data["encoding"] or None)
            captions = parse_captions(text, duration_seconds=duration)
            chapters = None
            if data["chapters"].strip():
                which = _("章立て")
                chapters = parse_chapters(data["chapters"], duration_seconds=duration)
        except CaptionError as error:
            context["error"] = describe(error.problem)
            context["error_part"] = which
            context["error_line"] = _line(
                text if which == _("字幕") else data["chapters"], error.problem.line
            )
            context["form"] = _refilled(form, text=text, source=source)
            return None
        preview = _preview(talk, captions, chapters)
        if preview["too_many"]:
            context["error"] = preview["too_many"]
            context["error_part"] = which
        elif "confirm" in request.POST and data["digest"] == preview["digest"]:
            return self._confirm(request, talk, captions, chapters, source)
        elif "confirm" in request.POST:
            context["changed"] = True
        context["preview"] = preview
        context["form"] = _refilled(
            form, text=text, source=source, digest=preview["digest"]
        )
        return None

    def _confirm(self, request, talk, captions, chapters, source):
        comment = _("字幕から文字起こしを作成: %(file)s") % {"file": source}
        try:
            # Through review when the talk is one readers see (review/gate.py).
            changed, submission = submit_or_apply(
                talk,
                request.user,
                lambda: replace_transcript(
                    talk,
                    captions.segments,
                    outline=chapters.chapters if chapters else None,
                    user=request.user,
                    comment=comment,
                ),
                note=comment,
            )
        except (PartError, limits.TooMany, DatabaseError) as error:
            self.message_user(
                request,
                _("書き込めませんでした。何も変えていません: %s") % error,
                messages.ERROR,
            )
            return redirect(request.path)
        values = {"title": isolate(talk.title), "count": captions.segment_count}
        if changed and submission is not None:
            message = _(
                "「%(title)s」の文字起こし（%(count)d区間）をレビューに提出しました。"
                "承認されるまで、読者には今の内容が表示されます。"
            )
            self.message_user(request, message % values, messages.SUCCESS)
        elif changed:
            message = _("「%(title)s」の文字起こしを%(count)d区間で作りました。")
            self.message_user(request, message % values, messages.SUCCESS)
        else:
            message = _("「%(title)s」の文字起こしは同じ内容なので変えていません。")
            self.message_user(request, message % values, messages.INFO)
        opts = self.model._meta
        return redirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[talk.pk])
        )


def _refilled(form, **values):
    initial = {
        "chapters": form.cleaned_data.get("chapters", ""),
        "encoding": "",
        **values,
    }
    return CaptionsForm(initial=initial)


def _line(text, number):
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _rows(items):
    return [(format_timecode(item.start_seconds), item.text) for item in items]


def _preview(talk, captions, chapters):
    """What confirming writes, as the page shows it, and its digest."""
    segments = captions.segments
    over = limits.excess("transcript", len(segments)) or (
        chapters and limits.excess("outline", len(chapters.chapters))
    )
    warnings = [describe(w) for w in captions.warnings]
    if chapters:
        warnings += [describe(w) for w in chapters.warnings]
    current = talk.transcript.count()
    preview = {
        "captions": captions,
        "format": "WebVTT" if captions.format == "webvtt" else "SRT",
        "end": format_timecode(captions.end_seconds),
        "duration": format_timecode(talk.duration_seconds),
        "first": _rows(segments[:SHOWN]),
        "last": _rows(segments[max(SHOWN, len(segments) - SHOWN) :]),
        "hidden": max(0, len(segments) - 2 * SHOWN),
        "chapters": _rows(chapters.chapters) if chapters else None,
        "current": current,
        "current_outline": talk.outline.count() if chapters else None,
        "warnings": warnings,
        "too_many": over.message if over else "",
    }
    state = [
        [(s.start_seconds, s.text) for s in segments],
        [(c.start_seconds, c.text) for c in chapters.chapters] if chapters else None,
        warnings,
        current,
        talk.pk,
    ]
    preview["digest"] = hashlib.sha256(
        json.dumps(state, ensure_ascii=False).encode()
    ).hexdigest()
    return preview
