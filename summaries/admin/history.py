"""A talk's history in the admin: every version, what changed, and restore.

Every save through the talk admin is recorded as one version (who, when, the
admin's change message). The history page lists them; each version shows its
changes side by side with the version before; restoring one asks first and is
itself recorded as a new version.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .. import diffs
from ..history import (
    record_first_versions,
    record_written,
    recording,
    restore,
    versions_of,
)


class TalkHistoryMixin:
    """For TalkAdmin: records versions on save and replaces the history page."""

    object_history_template = "admin/summaries/talk/object_history.html"

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # A talk that arrived without a recorded write (loaded, imported by
        # code, older than history) gets its first version before the form is
        # shown, so the form's version token and its history start from it.
        if object_id is not None and str(unquote(object_id)).isdigit():
            record_first_versions({int(unquote(object_id))})
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        # The comment is set by log_addition / log_change once the save succeeds.
        # Recorded once, at the end (record_written): saves add nothing by
        # themselves, or a talk with thousands of parts would be serialised
        # again on every save and tag change of the form.
        with recording(_("保存"), request.user, manually=True):
            return super().changeform_view(request, object_id, form_url, extra_context)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._comment(entry.get_change_message() or _("作成"))
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        # Stored as Django's structured note: the history shows it in the
        # reader's language (Revision.get_comment() reads it like a LogEntry).
        self._comment(entry.change_message if message else _("変更なし"))
        return entry

    def save_model(self, request, obj, form, change):
        # What the talk is before this save, for an honest change note.
        if change:
            form.snapshot_before = diffs.from_database(obj.pk)
        super().save_model(request, obj, form, change)

    def construct_change_message(self, request, form, formsets, add):
        """The change note names what really changed, as the history's diff
        shows it: never a hidden field (version_token), never the tags unless
        they changed. Nothing changed -> no message (shown as 変更なし)."""
        before = getattr(form, "snapshot_before", None)
        if add or before is None:
            return super().construct_change_message(request, form, formsets, add)
        after = diffs.from_database(form.instance.pk)
        # Stored untranslated, like Django's own notes: the admin translates
        # the labels for whoever reads them.
        with translation.override(None):
            labels = [str(change.label) for change in diffs.compare(before, after)]
        return [{"changed": {"fields": labels}}] if labels else []

    @staticmethod
    def _comment(text):
        import reversion

        if reversion.is_active():
            reversion.set_comment(text)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        record_written(form.instance)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<path:object_id>/history/<int:version_id>/",
                wrap(self.version_view),
                name=f"{info}_version",
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                wrap(self.restore_view),
                name=f"{info}_restore",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        talk = self._talk_or_404(request, object_id)
        versions = list(versions_of(talk.pk))
        context = {
            **self.admin_site.each_context(request),
            "title": _("「%(title)s」の変更履歴") % {"title": talk.title},
            "subtitle": None,
            "object": talk,
            "opts": self.opts,
            "versions": versions,
            "latest_id": versions[0].pk if versions else None,
            "can_restore": self.has_change_permission(request, talk),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)

    def version_view(self, request, object_id, version_id):
        talk = self._talk_or_404(request, object_id)
        version, previous = self._version_and_previous(talk, version_id)
        before = (
            diffs.from_revision(previous.revision, talk.pk)
            if previous
            else diffs.Snapshot()
        )
        after = diffs.from_revision(version.revision, talk.pk)
        return self._version_page(
            request,
            talk,
            version,
            "admin/summaries/talk/version.html",
            title=_("変更内容"),
            changes=diffs.compare(before, after),
            previous=previous,
        )

    def restore_view(self, request, object_id, version_id):
        talk = self._talk_or_404(request, object_id)
        if not self.has_change_permission(request, talk):
            raise PermissionDenied
        version, _previous = self._version_and_previous(talk, version_id)
        if request.method == "POST":
            notes = restore(version, request.user)
            self.message_user(
                request,
                _("以前の版を復元しました。復元も新しい版として履歴に残っています。"),
                messages.SUCCESS,
            )
            for note in notes:
                self.message_user(request, note, messages.WARNING)
            return redirect(reverse("admin:summaries_talk_change", args=[talk.pk]))
        return self._version_page(
            request,
            talk,
            version,
            "admin/summaries/talk/restore_confirm.html",
            title=_("この版に戻しますか？"),
            # What restoring would do: from now, back to that version.
            changes=diffs.compare(
                diffs.from_database(talk.pk),
                diffs.from_revision(version.revision, talk.pk),
            ),
        )

    def _talk_or_404(self, request, object_id):
        try:
            talk = get_object_or_404(self.model, pk=unquote(object_id))
        except (ValueError, ValidationError) as error:
            raise Http404(_("その講演は見つかりません。")) from error
        if not self.has_view_or_change_permission(request, talk):
            raise PermissionDenied
        return talk

    @staticmethod
    def _version_and_previous(talk, version_id):
        versions = versions_of(talk.pk)
        version = versions.filter(pk=version_id).first()
        if version is None:
            raise Http404(_("その版は見つかりません。"))
        return version, versions.filter(pk__lt=version.pk).first()

    def _version_page(self, request, talk, version, template, **context):
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request,
            template,
            {
                **self.admin_site.each_context(request),
                "object": talk,
                "opts": self.opts,
                "version": version,
                "can_restore": self.has_change_permission(request, talk),
                **context,
            },
        )
