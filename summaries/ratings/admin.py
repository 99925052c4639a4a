"""What readers told us, for editors: "was this useful?" answers, read-only.

Votes themselves have no page of their own: their count and average are
columns of the talk list (summaries/admin/talks.py), and the dashboard shows
the figures (panels registered below).
"""

from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_lazy

from ..admin.dashboard import Panel, bar_chart, register
from .feedback import feedback_figures
from .models import Feedback, Rating
from .voting import rating_figures


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "talk", "helpful", "comment_excerpt"]
    list_filter = [
        "helpful",
        ("talk", admin.RelatedOnlyFieldListFilter),
        "created_at",
    ]
    list_select_related = ["talk"]
    search_fields = ["comment", "talk__title"]
    date_hierarchy = "created_at"
    fields = ["talk", "helpful", "comment", "created_at"]
    readonly_fields = fields
    list_per_page = 100

    @admin.display(description=gettext_lazy("コメント"))
    def comment_excerpt(self, answer):
        # The admin escapes it; shortened so one long comment keeps the list usable.
        return Truncator(answer.comment).chars(120)

    # Readers' answers are kept as given: editors read them; an administrator
    # may delete one (say, a comment that names someone); nobody adds or
    # rewrites one.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@register
def ratings_panel(now):
    votes = rating_figures(now)
    rows = [
        (str(label), votes["scores"][score])
        for score, label in reversed(Rating.Score.choices)
    ]
    return Panel(
        title=gettext("読者の評価"),
        figures=[
            (gettext("平均（全期間）"), str(votes["all"])),
            (gettext("直近30日"), str(votes["last_30_days"])),
            (gettext("評価された講演"), votes["rated_talks"]),
        ],
        chart=bar_chart(gettext("評価ごとの件数"), rows),
        note=gettext("講演ごとの平均と件数は、講演一覧の列で並べ替えられます。"),
    )


@register
def feedback_panel(now):
    answers = feedback_figures(now)

    def share(helpful, total):
        return f"{round(100 * helpful / total)}%" if total else "—"

    return Panel(
        title=gettext("このページは役に立ちましたか？"),
        figures=[
            (gettext("回答（全期間）"), answers["answers"]),
            (gettext("「はい」の割合"), share(answers["yes"], answers["answers"])),
            (gettext("回答（直近30日）"), answers["answers_30_days"]),
            (
                gettext("「はい」の割合（直近30日）"),
                share(answers["yes_30_days"], answers["answers_30_days"]),
            ),
        ],
        note=gettext("回答とご意見は「ページの感想」の一覧で読めます。"),
    )
