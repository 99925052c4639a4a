"""The KPI dashboard on the admin home: each panel is one small function.

A panel function takes `now` and returns a `Panel` (or None to hide itself);
`PANELS` is the list shown, in order: the core's panels, then those each
capability registers from its admin module (`register()`). Each costs one or
two queries whatever the number of talks. Charts are drawn here as plain
numbers for an inline SVG (templates/admin/summaries/dashboard/), with the same
numbers as a table.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..completeness import CHECKS, failing_any
from ..models import Talk
from ..text import join_list


@dataclass
class Bar:
    label: str
    value: int
    y: int
    width: float
    text: str  # the value as read, "4件" in Japanese

    @property
    def value_x(self):
        return round(self.width) + 6


@dataclass
class Chart:
    """A horizontal bar chart, laid out for a fixed-size SVG: each row is its
    label in full (never cut), with the bar and its value below it."""

    title: str
    bars: list
    row_height: int = 44
    bar_space: int = 300

    @property
    def height(self):
        return self.row_height * len(self.bars)

    @property
    def width(self):
        return self.bar_space + 60

    @property
    def description(self):
        return join_list(f"{bar.label}: {bar.text}" for bar in self.bars)


def bar_chart(title, rows):
    """Chart of [(label, count)]; bars scaled to the largest count."""
    chart = Chart(title=title, bars=[])
    largest = max((value for _label, value in rows), default=0) or 1
    chart.bars = [
        Bar(
            label,
            value,
            i * chart.row_height,
            chart.bar_space * value / largest,
            # Japanese counts things with 件; English needs no counter word.
            _("%(count)d件") % {"count": value},
        )
        for i, (label, value) in enumerate(rows)
    ]
    return chart


@dataclass
class Panel:
    title: str
    figures: list = field(default_factory=list)  # [(label, number text)]
    chart: Chart | None = None
    headers: tuple = ()  # a table, for panels that list things (top searches)
    rows: list = field(default_factory=list)
    note: str = ""


def publication_panel(now):
    published = Q(status=Talk.Status.PUBLISHED)
    running = Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    counts = Talk.objects.aggregate(
        live=Count("pk", filter=published & running & Q(published_at__lte=now)),
        scheduled=Count("pk", filter=published & running & Q(published_at__gt=now)),
        expired=Count("pk", filter=published & Q(expires_at__lte=now)),
        draft=Count("pk", filter=Q(status=Talk.Status.DRAFT)),
    )
    rows = [
        (_("公開中"), counts["live"]),
        (_("予約"), counts["scheduled"]),
        (_("公開終了"), counts["expired"]),
        (_("下書き"), counts["draft"]),
    ]
    return Panel(
        title=_("公開状況"),
        figures=[(label, value) for label, value in rows],
        chart=bar_chart(_("公開状況ごとの講演数"), rows),
    )


def added_panel(now, months=6):
    local = timezone.localtime(now)
    this_month = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    starts = [this_month]
    for _i in range(months - 1):
        starts.insert(0, (starts[0] - dt.timedelta(days=1)).replace(day=1))
    per_month = dict(
        Talk.objects.filter(created_at__gte=starts[0])
        .annotate(month=TruncMonth("created_at"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    per_month = {timezone.localtime(m).date(): n for m, n in per_month.items()}
    rows = [
        (date_format(start, "YEAR_MONTH_FORMAT"), per_month.get(start.date(), 0))
        for start in starts
    ]
    return Panel(
        title=_("今月追加した講演"),
        figures=[(_("今月"), rows[-1][1])],
        chart=bar_chart(
            ngettext(
                "月ごとに追加した講演数（直近%(n)dか月）",
                "月ごとに追加した講演数（直近%(n)dか月）",
                months,
            )
            % {"n": months},
            rows,
        ),
    )


def completeness_panel(now):
    counts = Talk.objects.with_completeness().aggregate(
        total=Count("pk"),
        complete=Count("pk", filter=~failing_any()),
        **{f"check{i}": Count("pk", filter=~c.failing) for i, c in enumerate(CHECKS)},
    )
    total = counts["total"]
    percent = round(100 * counts["complete"] / total) if total else 0
    rows = [(str(c.label), counts[f"check{i}"]) for i, c in enumerate(CHECKS)]
    return Panel(
        title=_("公開前チェックの完成度"),
        figures=[
            (_("すべて満たす講演"), f"{counts['complete']} / {total}"),
            (_("完成度"), f"{percent}%"),
        ],
        chart=bar_chart(_("チェック項目ごとの満たしている講演数"), rows),
        note=_("「要確認」の講演は、講演一覧の「公開前チェック」で絞り込めます。"),
    )


# The panels shown, in order: the core's here; each capability appends its own
# from its admin module with `register()` (admin autodiscovery imports those
# in INSTALLED_APPS order).
PANELS = [publication_panel, added_panel, completeness_panel]


def register(panel):
    """Show `panel(now) -> Panel | None` on the dashboard, after those before it."""
    if panel not in PANELS:
        PANELS.append(panel)
    return panel


def panels(now=None):
    now = now or timezone.now()
    return [panel for panel in (make(now) for make in PANELS) if panel is not None]
