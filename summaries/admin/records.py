"""Channels and speakers: the records talks share (tags: tags.py)."""

from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from ..models import Channel, Speaker


class TalkCountMixin:
    count_lookup = "talks"

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
    list_display = ["name", "name_kana", "organisation", "title", "talk_count"]
    search_fields = ["name", "name_kana", "name_latin", "organisation"]
    prepopulated_fields = {"slug": ["name_latin"]}
