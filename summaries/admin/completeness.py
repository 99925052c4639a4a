"""The completeness checklist in the talk admin: a form panel, a column, a filter."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from ..completeness import evaluate, failing_any


class CompletenessFilter(admin.SimpleListFilter):
    title = _("公開前チェック")
    parameter_name = "completeness"

    def lookups(self, request, model_admin):
        return [("review", _("要確認")), ("complete", _("すべて満たす"))]

    def queryset(self, request, queryset):
        match self.value():
            case "review":
                return queryset.filter(failing_any())
            case "complete":
                return queryset.exclude(failing_any())
        return queryset


class CompletenessAdminMixin:
    """For TalkAdmin: annotated counts, a 要確認 filter and column, the checklist."""

    completeness_fieldset = (
        _("公開前チェック"),
        {
            "fields": ["completeness"],
            "description": _(
                "公開する前に満たしておきたい項目です。保存すると更新されます。"
            ),
        },
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_completeness()

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), CompletenessFilter]

    def get_list_display(self, request):
        return [*super().get_list_display(request), "completeness_summary"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "completeness"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None:
            fieldsets.insert(1, self.completeness_fieldset)
        return fieldsets

    @admin.display(description=_("チェック"))
    def completeness_summary(self, talk):
        failed = sum(not result.passed for result in evaluate(talk))
        if failed:
            return format_html(
                '<span class="completeness-badge completeness-badge--review">{}</span>',
                _("要確認（%(n)d）") % {"n": failed},
            )
        return format_html(
            '<span class="completeness-badge completeness-badge--ok">{}</span>',
            _("OK"),
        )

    @admin.display(description=_("チェックリスト"))
    def completeness(self, talk):
        if talk is None or talk.pk is None:
            return ""
        return format_html(
            '<ul class="completeness">{}</ul>',
            format_html_join(
                "",
                '<li class="completeness__item completeness__item--{}">'
                '<span aria-hidden="true">{}</span> {} '
                '<span class="completeness__state">{}</span></li>',
                (
                    (
                        "ok" if r.passed else "review",
                        "✔" if r.passed else "✖",
                        r.label,
                        _("（済）") if r.passed else _("（要確認）"),
                    )
                    for r in evaluate(talk)
                ),
            ),
        )
