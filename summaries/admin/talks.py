"""The editor's side of a talk: one page with every part of it."""

from django import forms
from django.contrib import admin
from django.db.models import F, FloatField
from django.db.models.functions import Cast, Greatest
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ..models import (
    Highlight,
    Keyword,
    OutlineChapter,
    Question,
    Takeaway,
    Talk,
    TalkSpeaker,
    TranscriptSegment,
)
from ..ratings.voting import RatingSummary, with_ratings
from ..signals import collecting_changes
from ..text import join_list
from .captions import CaptionsImportMixin
from .completeness import CompletenessAdminMixin
from .fields import TimecodeField
from .history import TalkHistoryMixin
from .ordering import OrderedInline
from .publishing import PublishingAdminMixin
from .slugs import SlugSuggestionMixin, slug_field
from .stale import StaleSaveForm
from .summary_import import SummaryImportMixin
from .widgets import TagInput


class TalkForm(StaleSaveForm):
    slug = slug_field()
    duration_seconds = TimecodeField(
        label=_("動画の長さ"), help_text=_("「分:秒」か「時:分:秒」。例: 11:14")
    )
    video_url = forms.URLField(
        label=Talk._meta.get_field("video_url").verbose_name,
        help_text=Talk._meta.get_field("video_url").help_text,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Talk
        fields = [
            "title",
            "slug",
            "channel",
            "tldr",
            "tags",
            "video_date",
            "duration_seconds",
            "video_url",
            "status",
            "published_at",
        ]
        widgets = {"tags": TagInput}

    class Media:
        js = [forms.Script("summaries/js/slug-suggestion.js", type="module")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The date and the time of 公開日時 are two inputs: each needs a name.
        published = self.fields["published_at"].widget
        for widget, part in zip(
            getattr(published, "widgets", ()), (_("日付"), _("時刻")), strict=False
        ):
            widget.attrs["aria-label"] = gettext("%(field)s（%(where)s）") % {
                "field": self.fields["published_at"].label,
                "where": part,
            }


class TalkSpeakerInline(OrderedInline):
    model = TalkSpeaker
    fields = ["position", "speaker", "role"]
    autocomplete_fields = ["speaker"]
    verbose_name = pgettext_lazy("singular", "登壇者")
    verbose_name_plural = _("登壇者（表示順）")


class TakeawayInline(OrderedInline):
    model = Takeaway
    fields = ["position", "emoji", "text"]


class QuestionInline(OrderedInline):
    model = Question
    fields = ["position", "text", "answer"]


class OutlineInline(OrderedInline):
    model = OutlineChapter
    fields = ["position", "start_seconds", "title"]
    classes = ["ordered-inline", "collapse"]


class KeywordInline(OrderedInline):
    model = Keyword
    fields = ["position", "text"]
    classes = ["ordered-inline", "collapse"]


class HighlightInline(OrderedInline):
    model = Highlight
    fields = ["position", "start_seconds", "text"]
    classes = ["ordered-inline", "collapse"]


class TranscriptInline(OrderedInline):
    model = TranscriptSegment
    fields = ["position", "start_seconds", "text"]
    classes = ["ordered-inline", "collapse"]


class PublicationFilter(admin.SimpleListFilter):
    title = _("公開状況")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("draft", _("下書き")), ("scheduled", _("予約")), ("live", _("公開中"))]

    def queryset(self, request, queryset):
        match self.value():
            case "draft":
                return queryset.filter(status=Talk.Status.DRAFT)
            case "scheduled":
                return queryset.scheduled()
            case "live":
                return queryset.published()
        return queryset


@admin.register(Talk)
class TalkAdmin(
    SlugSuggestionMixin,
    CaptionsImportMixin,
    SummaryImportMixin,
    TalkHistoryMixin,
    PublishingAdminMixin,
    CompletenessAdminMixin,
    admin.ModelAdmin,
):
    form = TalkForm
    list_display = [
        "title",
        "publication",
        "published_at",
        "video_date",
        "takeaway_count",
        "tag_list",
        "rating_average",
        "rating_count",
    ]
    list_filter = [
        PublicationFilter,
        "status",
        "channel",
        ("tagged_items__tag", admin.RelatedOnlyFieldListFilter),
        ("speakers", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "tldr", "slug", "speakers__name", "tags__name"]
    date_hierarchy = "video_date"
    autocomplete_fields = ["channel"]
    readonly_fields = [
        "created_at",
        "updated_at",
        "source_rating",
        "source_rating_count",
    ]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "slug", "channel", "tldr", "tags"]}),
        (_("動画"), {"fields": ["video_date", "duration_seconds", "video_url"]}),
        (_("公開"), {"fields": ["status", "published_at"]}),
        (
            _("記録"),
            {
                "fields": [
                    "created_at",
                    "updated_at",
                    "source_rating",
                    "source_rating_count",
                ],
                "classes": ["collapse"],
            },
        ),
    ]
    inlines = [
        TalkSpeakerInline,
        TakeawayInline,
        QuestionInline,
        OutlineInline,
        KeywordInline,
        HighlightInline,
        TranscriptInline,
    ]

    def save_related(self, request, form, formsets, change):
        # Tags and every inline row: one "talk changed" event, not one per row.
        with collecting_changes():
            super().save_related(request, form, formsets, change)

    def get_queryset(self, request):
        talks = super().get_queryset(request).prefetch_related("tags")
        return with_ratings(talks)

    @admin.display(description=_("状態"), ordering="status")
    def publication(self, talk):
        if talk.status == Talk.Status.DRAFT:
            state, label = "draft", _("下書き")
        elif talk.published_at > timezone.now():
            state, label = "scheduled", _("予約")
        else:
            state, label = "live", _("公開中")
        return format_html(
            '<span class="publication publication--{}">{}</span>', state, label
        )

    # A subquery the completeness checks already add (completeness.py), not a
    # join: the list costs the same whatever one talk holds.
    @admin.display(description=_("要点の数"), ordering="check_takeaways")
    def takeaway_count(self, talk):
        return talk.check_takeaways

    @admin.display(description=_("タグ"))
    def tag_list(self, talk):
        return join_list(tag.name for tag in talk.tags.all())

    @admin.display(
        description=_("読者の評価（平均）"),
        # Unrated talks (0 / 1) sort below every rated one on both databases.
        ordering=Cast("rating_total", FloatField()) / Greatest(F("rating_count"), 1),
        empty_value="—",
    )
    def rating_average(self, talk):
        return RatingSummary.of(talk).average

    @admin.display(description=_("評価件数"), ordering="rating_count")
    def rating_count(self, talk):
        return talk.rating_count
