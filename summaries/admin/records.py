"""Channels and speakers: the records talks share (tags: tags.py)."""

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import Channel, Speaker, Talk
from ..review.workflow import needs_approval


class TalkCountMixin:
    """The talk count in the list, and review's rule for shared records.

    A tag's, speaker's or channel's name is shown on every talk that has it,
    so renaming or deleting one that a live talk shows changes what readers
    see on many talks at once: not one editor's submission. While approval is
    required, such records are read-only for editors (as tag merges are), and
    approvers change them.
    """

    count_lookup = "talks"
    # How a talk names this record, for `Talk.objects.filter()`.
    talk_lookup = "channel"

    def shown_to_readers(self, obj):
        return Talk.objects.published().filter(**{self.talk_lookup: obj}).exists()

    def bound_by_review(self, request, obj):
        return (
            obj is not None
            and needs_approval(request.user)
            and self.shown_to_readers(obj)
        )

    def has_change_permission(self, request, obj=None):
        if self.bound_by_review(request, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self.bound_by_review(request, obj):
            return False
        return super().has_delete_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if request.method == "GET" and self.bound_by_review(request, obj):
            self.message_user(
                request,
                gettext(
                    "公開中の講演に表示されているため、承認が必要な設定では"
                    "名前の変更と削除は「承認者」グループの人が行います。"
                    "承認者に依頼してください。"
                ),
                messages.INFO,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(talk_total=Count(self.count_lookup))
        )

    @admin.display(description=_("講演数"), ordering="talk_total")
    def talk_count(self, obj):
        return obj.talk_total


@admin.register(Channel)
class ChannelAdmin(TalkCountMixin, admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "url", "talk_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Speaker)
class SpeakerAdmin(TalkCountMixin, admin.ModelAdmin):
    talk_lookup = "speakers"
    list_display = ["name", "name_kana", "organisation", "title", "talk_count"]
    search_fields = ["name", "name_kana", "name_latin", "organisation"]
    prepopulated_fields = {"slug": ["name_latin"]}
