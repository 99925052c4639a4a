"""Search insights for editors: what readers look for, and what they miss."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_lazy, ngettext

from ..admin.dashboard import Panel, register
from .models import SearchLog

DAYS = 30


def with_links(rows):
    """Each row with `url`: the public search for its query."""
    search = reverse("summaries:talk-list")
    return [
        {**row, "url": f"{search}?{urlencode({'q': row['query']})}"} for row in rows
    ]


@admin.register(SearchLog)
class SearchLogAdmin(admin.ModelAdmin):
    """Read-only: the log is written by readers' searches, never by hand."""

    list_display = ["query", "result_count", "searched_at"]

    def has_view_permission(self, request, obj=None):
        # Every editor may read it: it holds no personal data.
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        recent = SearchLog.objects.recent(DAYS)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext_lazy("検索の傾向"),
            "days": DAYS,
            "total": recent.count(),
            "top_queries": with_links(recent.top_queries()),
            "zero_result_queries": with_links(recent.zero_result_queries()),
            **(extra_context or {}),
        }
        return TemplateResponse(
            request, "admin/search/searchlog/insights.html", context
        )


@register
def searches_panel(now, days=30, limit=10):
    """What readers look for; shown once searches have been recorded."""
    recent = SearchLog.objects.recent(days, now)
    top = list(recent.top_queries(limit))
    if not top:
        return None
    return Panel(
        title=ngettext(
            "よく検索された語（%(days)d日間）", "よく検索された語（%(days)d日間）", days
        )
        % {"days": days},
        headers=(gettext("検索語"), gettext("回数"), gettext("直近の結果数")),
        rows=[(row["query"], row["searches"], row["latest_results"]) for row in top],
        note=gettext("全件は「検索の記録」で見られます。"),
    )


@register
def zero_result_panel(now, days=30, limit=10):
    """Searches that found nothing: the talks readers want and we lack."""
    zero = list(SearchLog.objects.recent(days, now).zero_result_queries(limit))
    if not zero:
        return None
    return Panel(
        title=ngettext(
            "結果が0件だった検索（%(days)d日間）",
            "結果が0件だった検索（%(days)d日間）",
            days,
        )
        % {"days": days},
        headers=(gettext("検索語"), gettext("回数")),
        rows=[(row["query"], row["searches"]) for row in zero],
        note=gettext("追加する講演を選ぶ手がかりになります。"),
    )
