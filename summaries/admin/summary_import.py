"""The admin's "import a summary" page: paste or upload, preview, confirm.

Nothing parsed is trusted from the browser: the confirmation re-submits the
text, which is parsed again; if the result differs from what was previewed
(someone edited the text, or a tag appeared meanwhile), the new preview is
shown instead of importing.
"""

import hashlib
import json
from dataclasses import replace

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.validators import FileExtensionValidator
from django.db import DatabaseError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..bidi import isolate
from ..body_limits import body_limit
from ..importer import apply, check, describe, find_existing, known_tags, new_slug
from ..models import Channel, Tag
from ..review.gate import submit_or_apply
from ..search.editing import suggest
from ..search.suggestions import talk_fields
from ..summary_format import SummaryError, decode, parse, render
from ..summary_format.data import KeywordData, TimedData
from ..summary_format.rendering import timecode
from ..text import fold, format_timecode
from .suggestions import LIMITS

LARGEST_FILE = 2 * 1024 * 1024  # what the form can carry back as text
# The whole request: a file up to LARGEST_FILE with the form's fields, or the
# text posted back for confirmation (Django takes up to 2.5 MB of it). Larger
# bodies are refused before they are read (body_limits.py).
BODY_LIMIT = 3 * 1024 * 1024


class SummaryImportForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("要約テキスト"),
        required=False,
        strip=False,
        widget=forms.Textarea(
            attrs={"rows": 16, "cols": 80, "class": "vLargeTextField"}
        ),
        help_text=gettext_lazy(
            "要約ページの本文をそのまま貼り付けます（タイトル、チャンネル名、"
            "「5 Jun 202411:14」の日付と長さ、Summary、Takeaways…）。"
        ),
    )
    file = forms.FileField(
        label=gettext_lazy("または .txt ファイル"),
        required=False,
        validators=[FileExtensionValidator(["txt"])],
        help_text=gettext_lazy("UTF-8 で保存したテキストファイル。"),
    )
    encoding = forms.ChoiceField(
        label=gettext_lazy("ファイルの文字コード"),
        required=False,
        choices=[
            ("", gettext_lazy("UTF-8")),
            ("cp932", gettext_lazy("Shift_JIS（cp932）")),
        ],
    )
    update = forms.BooleanField(
        label=gettext_lazy("同じ講演があれば内容を置き換える"),
        required=False,
        help_text=gettext_lazy(
            "タイトル、チャンネル、動画の公開日が同じ講演の内容を置き換えます。"
            "スラッグ、公開状態、公開日時、登壇者はそのままです。"
        ),
    )
    source = forms.CharField(required=False, widget=forms.HiddenInput)
    digest = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload and data.get("text", "").strip():
            raise forms.ValidationError(
                _("テキストの貼り付けとファイルの、どちらか一方だけにしてください。")
            )
        if upload and upload.size > LARGEST_FILE:
            self.add_error("file", _("ファイルが大きすぎます（2 MB まで）。"))
        elif not upload and not data.get("text", "").strip():
            raise forms.ValidationError(
                _("要約テキストを貼り付けるか、.txt ファイルを選んでください。")
            )
        return data


class SummaryImportMixin:
    """Adds the import page to the Talk admin (linked from its change list)."""

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}_import"
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name=name), *super().get_urls()]

    @body_limit(BODY_LIMIT)
    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = SummaryImportForm(request.POST or None, request.FILES or None)
        context = {}
        if request.method == "POST" and form.is_valid():
            response = self.handle_import(request, form, context)
            if response:
                return response
        return TemplateResponse(
            request,
            "admin/summaries/talk/import.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("要約テキストから取り込む"),
                "form": form,
                "can_update": self.has_change_permission(request),
                **context,
            },
        )

    def handle_import(self, request, form, context):
        data = form.cleaned_data
        update = data["update"]
        if update and not self.has_change_permission(request):
            raise PermissionDenied
        source = data["file"].name if data["file"] else data["source"]
        source = source or _("貼り付けたテキスト")
        context["source"] = source
        text = data["text"]
        try:
            if data["file"]:
                text = decode(data["file"].read(), data["encoding"] or None)
                context["form"] = _refilled(form, text=text, source=source)
            parsed = parse(text, known_tags())
            check(parsed.talk)
        except SummaryError as error:
            context["error"] = describe(error.problem)
            context["error_line"] = _line(text, error.problem.line)
            return None
        if "accept" in request.POST:
            # A suggestion the editor pressed goes into the text, which is
            # previewed again: nothing is imported until they confirm.
            try:
                parsed, context["accepted"] = _accepted(parsed, request.POST["accept"])
                # Read back as the confirmation will read it: the same preview.
                parsed = parse(render(parsed.talk), known_tags())
            except SummaryError as error:
                context["error"] = describe(error.problem)
                return None
            except ValueError:
                context["error"] = _(
                    "提案の形が正しくありません。もう一度「内容を確認する」を押して、"
                    "表示された提案から選んでください。"
                )
                return None
            text = render(parsed.talk)
        preview = _preview(parsed, update)
        if "confirm" in request.POST and data["digest"] == preview["digest"]:
            return self.confirm(request, parsed, update)
        if "confirm" in request.POST:
            context["changed"] = True
        context["preview"] = preview
        context["suggestions"] = import_suggestions(parsed.talk)
        context["form"] = _refilled(
            form, text=text, source=source, digest=preview["digest"]
        )
        return None

    def confirm(self, request, parsed, update):
        existing = find_existing(parsed.talk) if update else None
        submission = None
        try:
            if existing is not None:
                # Replacing a talk readers see: through review when required.
                outcome, submission = submit_or_apply(
                    existing,
                    request.user,
                    lambda: apply(
                        parsed, update=update, user=request.user, source=_("管理画面")
                    ),
                    note=_("インポート: 管理画面"),
                )
            else:
                outcome = apply(
                    parsed, update=update, user=request.user, source=_("管理画面")
                )
        except (SummaryError, DatabaseError) as error:
            problem = getattr(error, "problem", None)
            text = describe(problem) if problem else str(error)
            self.message_user(
                request, _("取り込めませんでした: %s") % text, messages.ERROR
            )
            return redirect(request.path)
        talk = outcome.talk
        # Messages are plain text: the title cannot reorder the sentence.
        values = {"title": isolate(talk.title)}
        if outcome.action == "created":
            message, level = (
                _(
                    "「%(title)s」を下書きとして取り込みました。内容を確かめて公開してください。"
                    "登壇者は要約テキストに含まれないので、この画面で追加してください。"
                ),
                messages.SUCCESS,
            )
        elif outcome.action == "updated" and submission is not None:
            message, level = (
                _(
                    "「%(title)s」の内容の置き換えをレビューに提出しました。"
                    "承認されるまで、読者には今の内容が表示されます。"
                ),
                messages.SUCCESS,
            )
        elif outcome.action == "updated":
            message, level = (
                _("「%(title)s」の内容を置き換えました。"),
                messages.SUCCESS,
            )
        elif outcome.action == "unchanged":
            message, level = (
                _("「%(title)s」は同じ内容なので変えていません。"),
                messages.INFO,
            )
        else:
            message, level = (
                _("「%(title)s」は取り込み済みなので、取り込みませんでした。"),
                messages.WARNING,
            )
        self.message_user(request, message % values, level)
        opts = self.model._meta
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", talk.pk)


def import_suggestions(talk):
    """[(kind, heading, [(shown, accept value)])]: what `suggest` offers for
    the text being imported (tags, keywords, highlights), less what it holds."""
    fields = talk_fields(
        title=talk.title,
        tldr=talk.tldr,
        takeaways=[item.text for item in talk.takeaways],
        questions=[(item.text, item.answer) for item in talk.questions],
    )
    held = {
        "tags": {fold(name) for name in talk.tags},
        "keywords": {fold(item.text) for item in talk.keywords},
        "highlights": {fold(item.text) for item in talk.highlights},
    }
    segments = [(row.start_seconds, row.text) for row in talk.transcript]
    found = []
    for kind, heading in SUGGESTED:
        if kind == "highlights" and not segments:
            continue
        items = suggest(
            None, kind, limit=LIMITS[kind], fields=fields, segments=segments
        )
        offered = []
        for item in items:
            if kind == "highlights":
                seconds, text = item
                shown = f"{format_timecode(seconds)} {' '.join(text.split())}"
                value, key = f"{seconds} {' '.join(text.split())}", text
            else:
                shown = value = key = item
            if fold(key) not in held[kind]:
                offered.append((shown, f"{kind}:{value}"))
        if offered:
            found.append((kind, heading, offered))
    return found


SUGGESTED = (
    ("tags", gettext_lazy("タグ")),
    ("keywords", gettext_lazy("キーワード")),
    ("highlights", gettext_lazy("ハイライト")),
)


def _accepted(parsed, value):
    """(the text's talk with the suggestion `value` added, what was added):
    `value` is `kind:text`, a highlight's text led by its second."""
    kind, _sep, text = value.partition(":")
    text = " ".join(text.split())
    talk = parsed.talk
    if kind == "highlights":
        seconds, _sep, text = text.partition(" ")
        if not seconds.isascii() or not seconds.isdigit() or not text:
            kind = ""
    if kind not in dict(SUGGESTED) or not text:
        raise ValueError(value)
    if kind == "tags":
        talk = replace(talk, tags=(*talk.tags, text))
        said = _("タグ「%s」をテキストに加えました。")
    elif kind == "keywords":
        talk = replace(talk, keywords=(*talk.keywords, KeywordData(text)))
        said = _("キーワード「%s」をテキストに加えました。")
    else:
        row = TimedData(int(seconds), text)
        highlights = sorted((*talk.highlights, row), key=lambda r: r.start_seconds)
        talk = replace(talk, highlights=tuple(highlights))
        text = f"{format_timecode(row.start_seconds)} {text}"
        said = _("ハイライト「%s」をテキストに加えました。")
    check(talk)
    return replace(parsed, talk=talk), said % isolate(text)


def _refilled(form, **values):
    """The form again, holding the text that will be re-parsed on confirmation."""
    initial = {"update": form.cleaned_data["update"], **values}
    return SummaryImportForm(initial=initial)


def _line(text, number):
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _preview(parsed, update):
    """Everything the import will write, as the page shows it, and its digest."""
    talk = parsed.talk
    existing = find_existing(talk)
    keys = {fold(name) for name in talk.tags}
    known = set(Tag.objects.filter(key__in=keys).values_list("key", flat=True))
    preview = {
        "talk": talk,
        "duration": format_timecode(talk.duration_seconds),
        "warnings": [describe(w) for w in parsed.warnings],
        "existing": existing,
        "update": update,
        "new_channel": not Channel.objects.filter(name=talk.channel).exists(),
        "slug": existing.slug if existing else new_slug(talk),
        "tags": [(name, fold(name) not in known) for name in talk.tags],
        "timed": [
            (
                _("アウトライン"),
                [(timecode(r.start_seconds), r.text) for r in talk.outline],
            ),
            (
                _("ハイライト"),
                [(timecode(r.start_seconds), r.text) for r in talk.highlights],
            ),
            (
                _("文字起こし"),
                [(timecode(r.start_seconds), r.text) for r in talk.transcript],
            ),
        ],
    }
    state = [
        render(talk),
        # What the warnings say, not where: the text may gain a blank line.
        [(w.template, sorted(w.params.items())) for w in parsed.warnings],
        existing and existing.pk,
        update,
        preview["slug"],
        preview["new_channel"],
        preview["tags"],
    ]
    preview["digest"] = hashlib.sha256(json.dumps(state).encode()).hexdigest()
    return preview
