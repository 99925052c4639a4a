"""The editor's side of a talk: one page with every part of it."""

from django import forms
from django.contrib import admin
from django.db.models import F, FloatField
from django.db.models.functions import Cast, Greatest
from django.utils.html import format_html_join
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ..models import (
    Question,
    Takeaway,
    Talk,
    TalkSpeaker,
)
from ..ratings.voting import RatingSummary, with_ratings
from ..review.admin import ReviewAdminMixin
from ..review.models import Submission
from ..review.states import LABELS as STATE_LABELS
from ..review.states import states_of
from ..signals import collecting_changes
from ..text import join_list
from .captions import CaptionsImportMixin
from .completeness import CompletenessAdminMixin
from .fields import TimecodeField
from .history import TalkHistoryMixin
from .long_parts import FIELD_NAMES, LongPartsFormMixin
from .ordering import OrderedInline
from .publishing import PublishingAdminMixin
from .slugs import SlugSuggestionMixin, slug_field
from .stale import StaleSaveForm
from .suggestions import SuggestionsAdminMixin
from .summary_import import SummaryImportMixin
from .widgets import TagInput


class TalkForm(LongPartsFormMixin, StaleSaveForm):
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
            "expires_at",
        ]
        widgets = {"tags": TagInput}

    class Media:
        js = [
            forms.Script("summaries/js/slug-suggestion.js", type="module"),
            forms.Script("summaries/js/suggestions.js", type="module"),
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A date and time (公開日時, 公開終了日時…) is two inputs: each needs
        # a name of its own.
        for field in self.fields.values():
            if isinstance(field.widget, forms.SplitDateTimeWidget):
                for widget, part in zip(
                    field.widget.widgets, (_("日付"), _("時刻")), strict=True
                ):
                    widget.attrs["aria-label"] = gettext("%(field)s（%(where)s）") % {
                        "field": field.label,
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


class PublicationFilter(admin.SimpleListFilter):
    title = _("公開状況")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            (key, STATE_LABELS[key])
            for key in ("draft", "pending", "sent_back", "scheduled", "live", "expired")
        ]

    def queryset(self, request, queryset):
        # `review_state` is annotated by ReviewAdminMixin.get_queryset.
        match self.value():
            case "draft":
                return queryset.filter(
                    status=Talk.Status.DRAFT, review_state__isnull=True
                )
            case "pending":
                return queryset.filter(review_state=Submission.State.PENDING)
            case "sent_back":
                return queryset.filter(review_state=Submission.State.SENT_BACK)
            case "scheduled":
                return queryset.scheduled()
            case "live":
                return queryset.published()
            case "expired":
                return queryset.expired()
        return queryset


@admin.register(Talk)
class TalkAdmin(
    SlugSuggestionMixin,
    SuggestionsAdminMixin,
    ReviewAdminMixin,
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
        (_("公開"), {"fields": ["status", "published_at", "expires_at"]}),
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
        (
            _("キーワード・アウトライン・ハイライト・文字起こし"),
            {
                "fields": FIELD_NAMES,
                "description": _(
                    "長い一覧は1行に1項目のテキストで編集します。行の形が違うと、"
                    "保存せずに行番号で知らせます。"
                ),
            },
        ),
    ]
    inlines = [
        TalkSpeakerInline,
        TakeawayInline,
        QuestionInline,
    ]

    def save_related(self, request, form, formsets, change):
        # Tags and every inline row: one "talk changed" event, not one per row.
        with collecting_changes():
            # The long lists first: the version recorded after the inlines
            # (TalkHistoryMixin) then holds them as saved.
            form.save_long_parts(form.instance)
            super().save_related(request, form, formsets, change)

    def render_change_form(self, request, context, *args, **kwargs):
        # multipart: Japanese text is sent as UTF-8 (3 bytes a character), not
        # percent-encoded (9), so a two-hour transcript stays far below
        # DATA_UPLOAD_MAX_MEMORY_SIZE.
        context["has_file_field"] = True
        return super().render_change_form(request, context, *args, **kwargs)

    def get_queryset(self, request):
        talks = super().get_queryset(request).prefetch_related("tags")
        return with_ratings(talks)

    @admin.display(description=_("状態"), ordering="status")
    def publication(self, talk):
        states = states_of(talk, getattr(talk, "review_state", None))
        return format_html_join(
            " ",
            '<span class="publication publication--{}">{}</span>',
            states,
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
