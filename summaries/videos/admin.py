"""The admin's side of video imports: the list of imported videos, and the
upload of a zip of yt-dlp's files with a preview and a confirmation.

The zip is kept in the database (VideoUpload) between the preview and the
confirmation, so the confirmation reads the very files that were previewed,
on whichever server answers. Nothing previewed is trusted from the form: the
confirmation plans every video again, and if anything differs from what was
shown (an editor changed a talk, a tag appeared) the new preview is shown
instead of importing.
"""

import dataclasses
import datetime as dt
import hashlib
import io
import json
import secrets
import zipfile

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.validators import FileExtensionValidator
from django.db import DatabaseError
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..body_limits import body_limit
from ..importer import known_tags
from ..models import Talk
from ..review.gate import submit_or_apply
from ..text import list_separator
from .files import ZipFiles, ZipTooLarge
from .importing import (
    apply,
    describe,
    describe_warning,
    plan,
    previous_import,
    remember,
)
from .models import VideoImport, VideoUpload
from .reading import VideoError, read_video

# The zip of a channel's files: info.json files are large (every format's
# address), so far more than the summary text's 2 MB. docs/videos.md.
LARGEST_ZIP = 100 * 1024 * 1024
# The whole request: the zip and the form's few fields.
BODY_LIMIT = LARGEST_ZIP + 1024 * 1024
# An upload not confirmed within this time is deleted.
KEPT_FOR = dt.timedelta(days=1)


def can_import(user):
    return user.is_active and user.is_staff and user.has_perm("summaries.add_talk")


class VideoUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("yt-dlp のファイルの zip"),
        validators=[FileExtensionValidator(["zip"])],
        help_text=gettext_lazy(
            "<ID>.info.json と字幕（<ID>.ja.vtt など）、あれば <ID>.summary.txt を"
            "まとめた zip（100 MB まで）。"
        ),
    )
    update = forms.BooleanField(
        label=gettext_lazy("編集者が変えた項目も置き換える"),
        required=False,
        help_text=gettext_lazy(
            "印がなければ、編集者が変えた項目（要約、要点、Q&A、文字起こし、"
            "アウトライン、タイトルなど）はそのまま残します。"
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > LARGEST_ZIP:
            raise forms.ValidationError(_("zip が大きすぎます（100 MB まで）。"))
        return upload


class ConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    digest = forms.CharField(widget=forms.HiddenInput)
    update = forms.BooleanField(required=False, widget=forms.HiddenInput)


@admin.register(VideoImport)
class VideoImportAdmin(admin.ModelAdmin):
    list_display = ["talk_link", "video", "captions", "proposed", "imported_at"]
    list_select_related = ["talk"]
    list_display_links = None  # each row links to its talk and video instead
    search_fields = ["talk__title", "talk__video_id"]
    list_filter = ["caption_kind"]
    change_list_template = "admin/videos/videoimport/change_list.html"

    # Editors who may add talks may import videos; the rows themselves are a
    # record, changed only by imports.
    def has_module_permission(self, request):
        return can_import(request.user)

    def has_view_permission(self, request, obj=None):
        return can_import(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("講演"), ordering="talk__title")
    def talk_link(self, record):
        url = reverse("admin:summaries_talk_change", args=[record.talk_id])
        return format_html('<a href="{}">{}</a>', url, record.talk.title)

    @admin.display(description=gettext_lazy("動画"), ordering="talk__video_id")
    def video(self, record):
        return format_html(
            '<a href="{}">{}</a>', record.talk.video_url, record.talk.video_id
        )

    @admin.display(description=gettext_lazy("字幕"))
    def captions(self, record):
        if not record.caption_kind:
            return _("なし")
        values = {
            "language": record.caption_language,
            "kind": record.get_caption_kind_display(),
        }
        return _("%(language)s（%(kind)s）") % values

    @admin.display(description=gettext_lazy("提案されたタグ"))
    def proposed(self, record):
        return list_separator().join(record.proposed_tags)

    def get_urls(self):
        view = self.admin_site.admin_view(self.upload_view)
        return [
            path("upload/", view, name="videos_videoimport_upload"),
            *super().get_urls(),
        ]

    @body_limit(BODY_LIMIT)
    def upload_view(self, request):
        if not can_import(request.user):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("動画のファイル（zip）から取り込む"),
            "can_update": request.user.has_perm("summaries.change_talk"),
            "largest_zip_mb": LARGEST_ZIP // 2**20,
        }
        form = VideoUploadForm()
        if request.method == "POST" and "confirm" in request.POST:
            return self.confirm(request, context)
        if request.method == "POST":
            form = VideoUploadForm(request.POST, request.FILES)
            if form.is_valid():
                response = self.preview(request, form, context)
                if response is not None:
                    return response
        context["form"] = form
        return TemplateResponse(
            request, "admin/videos/videoimport/upload.html", context
        )

    def preview(self, request, form, context):
        update = form.cleaned_data["update"]
        if update and not context["can_update"]:
            raise PermissionDenied
        upload = form.cleaned_data["file"]
        data = upload.read()
        rows, error = preview_rows(data, update)
        if error:
            form.add_error("file", error)
            return None
        VideoUpload.objects.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()
        stored = VideoUpload.objects.create(
            token=secrets.token_urlsafe(32),
            user=request.user,
            name=upload.name[:255],
            data=data,
        )
        return self.show_preview(request, context, stored, rows, update)

    def show_preview(self, request, context, stored, rows, update, changed=False):
        context.update(
            {
                "rows": rows,
                "counts": counts(rows),
                "upload": stored,
                "update": update,
                "changed": changed,
                "confirm_form": ConfirmForm(
                    initial={
                        "token": stored.token,
                        "digest": digest(rows),
                        "update": update,
                    }
                ),
            }
        )
        return TemplateResponse(
            request, "admin/videos/videoimport/preview.html", context
        )

    def confirm(self, request, context):
        form = ConfirmForm(request.POST)
        stored = None
        if form.is_valid():
            stored = VideoUpload.objects.filter(
                token=form.cleaned_data["token"], user=request.user
            ).first()
        if stored is None:
            context["form"] = VideoUploadForm()
            context["gone"] = True
            return TemplateResponse(
                request, "admin/videos/videoimport/upload.html", context
            )
        update = form.cleaned_data["update"]
        if update and not context["can_update"]:
            raise PermissionDenied
        rows, _error = preview_rows(bytes(stored.data), update)
        if digest(rows) != form.cleaned_data["digest"]:
            return self.show_preview(request, context, stored, rows, update, True)
        results = import_rows(bytes(stored.data), update, request.user, stored.name)
        stored.delete()
        context.update(
            {
                "results": results,
                "counts": counts(results),
                "waiting": [row for row in results if row.get("submitted")],
            }
        )
        return TemplateResponse(request, "admin/videos/videoimport/done.html", context)


def each_video(data):
    """(name, Video or None (skipped) or VideoError) for each info.json."""
    try:
        files = ZipFiles(io.BytesIO(data))
    except (zipfile.BadZipFile, ZipTooLarge, OSError, ValueError) as error:
        raise BadZip(error) from None
    known = known_tags()
    try:
        for name in files.targets:
            try:
                yield name, read_video(name, files.siblings(name), files.read,
                                       known, previous=previous_import)  # fmt: skip
            except VideoError as error:
                yield name, error
    finally:
        files.close()


class BadZip(Exception):
    pass


def review_url(talk):
    return reverse("admin:summaries_talk_review", args=[talk.pk])


def talk_url(talk):
    return reverse("admin:summaries_talk_change", args=[talk.pk]) if talk else ""


def preview_rows(data, update):
    """One row per info.json in the zip, as the preview shows it; or an error."""
    rows = []
    try:
        for name, video in each_video(data):
            if video is None:
                rows.append({"file": name, "action": "skipped"})
            elif isinstance(video, VideoError):
                rows.append({"file": name, "action": "failed",
                             "reason": describe(video)})  # fmt: skip
            else:
                try:
                    rows.append(plan_row(name, video, plan(video, update)))
                except VideoError as error:
                    rows.append({"file": name, "action": "failed",
                                 "reason": describe(error)})  # fmt: skip
    except BadZip as error:
        return [], _("zip ファイルとして読めません（%(reason)s）。") % {"reason": error}
    return rows, None


def plan_row(name, video, planned):
    return {
        "file": name,
        "action": planned.action,
        "title": video.title,
        "video_id": video.video_id,
        "talk_id": planned.talk.pk if planned.talk else None,
        "talk_url": talk_url(planned.talk),
        "writes": joined(planned.written_labels),
        "kept": joined(planned.kept_labels),
        "proposed_tags": joined(planned.proposed_tags),
        "tags": joined(tag.name for tag in planned.tags),
        "captions": caption_text(video),
        "outline": len(video.outline),
        "segments": len(video.transcript),
        "same_captions": video.transcript_same,
        "summary": video.has_summary,
        "warnings": [describe_warning(w) for w in video.warnings],
    }


def joined(names):
    return list_separator().join(names)


def caption_text(video):
    if not video.caption_file:
        return _("なし（文字起こしは空です）")
    kind = {"manual": _("手動"), "automatic": _("自動")}.get(video.caption_kind, "")
    return _("%(language)s（%(kind)s）") % {
        "language": video.caption_language,
        "kind": kind,
    }


def digest(rows):
    text = json.dumps(rows, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def counts(rows):
    result = {"created": 0, "updated": 0, "unchanged": 0, "failed": 0, "skipped": 0}
    for row in rows:
        result[row["action"]] += 1
    return result


def import_rows(data, update, user, name):
    results = []
    try:
        for file, video in each_video(data):
            if video is None:
                results.append({"file": file, "action": "skipped"})
                continue
            if isinstance(video, VideoError):
                results.append({"file": file, "action": "failed",
                                "reason": describe(video)})  # fmt: skip
                continue
            submission = None
            try:
                outcome, submission = gated_apply(video, update, user,
                                                  f"{name}:{file}")  # fmt: skip
            except VideoError as error:
                results.append({"file": file, "action": "failed",
                                "reason": describe(error)})  # fmt: skip
            except DatabaseError as error:
                results.append({"file": file, "action": "failed",
                                "reason": str(error)})  # fmt: skip
            else:
                results.append({
                    "file": file,
                    "action": outcome.action,
                    "title": outcome.talk.title,
                    "talk_url": talk_url(outcome.talk),
                    "submitted": submission is not None,
                    "review_url": review_url(outcome.talk) if submission else "",
                    "writes": joined(outcome.plan.written_labels),
                    "kept": joined(outcome.plan.kept_labels),
                    "proposed_tags": joined(outcome.plan.proposed_tags),
                })  # fmt: skip
    except BadZip:
        pass  # read once already at the preview
    return results


class _Unchanged(Exception):  # noqa: N818 (a result, not a fault)
    def __init__(self, outcome):
        self.outcome = outcome


def gated_apply(video, update, user, source):
    """Import one video as `user`: (Outcome, Submission or None).

    A new talk is a draft and is written directly. A write to an existing talk
    goes through review's gate (review/gate.py): when the editor's changes
    need approval and readers see the talk, it waits as a submission and the
    live talk stays as it is. A video with nothing to write submits nothing.
    """
    talk = Talk.objects.filter(video_id=video.video_id).first()
    if talk is None:
        return apply(video, update=update, user=user, source=source), None

    def change():
        outcome = apply(video, update=update, user=user, source=source)
        if outcome.action == "unchanged":
            raise _Unchanged(outcome)
        return outcome

    note = _("動画から取り込み: %(source)s") % {"source": source}
    try:
        outcome, submission = submit_or_apply(talk, user, change, note=note)
    except _Unchanged as unchanged:
        return unchanged.outcome, None
    if submission is not None:
        # The talk is as readers see it, named so; the import's own record
        # is kept, so that once approved the next import finds its values.
        remember(talk, outcome.plan)
        outcome = dataclasses.replace(outcome, talk=talk)
    return outcome, submission
