"""Search insights for editors: what readers look for, and what they miss."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_lazy, ngettext
from reversion.admin import VersionAdmin

from ..admin.dashboard import Panel, register
from .models import Pin, SearchLog, Synonym

DAYS = 30


def with_links(rows, actions=False):
    """Each row with `url`: the public search for the form readers typed; and
    with `actions`, links to add a synonym or pin a talk for that query."""
    search = reverse("summaries:talk-list")
    synonym = reverse("admin:search_synonym_add")
    pin = reverse("admin:search_pin_add")
    found = []
    for row in rows:
        row = {**row, "url": f"{search}?{urlencode({'q': row['written']})}"}
        if actions:
            row["synonym_url"] = f"{synonym}?{urlencode({'terms': row['written']})}"
            row["pin_url"] = f"{pin}?{urlencode({'query': row['written']})}"
        found.append(row)
    return found


@admin.register(Synonym)
class SynonymAdmin(VersionAdmin):
    """Words that find each other; every change is kept (履歴)."""

    list_display = ["__str__", "updated_at"]
    search_fields = ["terms"]


@admin.register(Pin)
class PinAdmin(VersionAdmin):
    """A talk shown first for a query; every change is kept (履歴)."""

    list_display = ["query", "talk", "updated_at"]
    search_fields = ["query", "talk__title"]
    autocomplete_fields = ["talk"]


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
            "zero_result_queries": with_links(
                recent.zero_result_queries(),
                actions=request.user.has_perm("search.add_synonym")
                and request.user.has_perm("search.add_pin"),
            ),
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
        rows=[(row["written"], row["searches"], row["latest_results"]) for row in top],
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
        rows=[(row["written"], row["searches"]) for row in zero],
        note=gettext("追加する講演を選ぶ手がかりになります。"),
    )
