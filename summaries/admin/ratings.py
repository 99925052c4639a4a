"""What readers told us, for editors: "was this useful?" answers, read-only.

Votes themselves have no page of their own: their count and average are
columns of the talk list (admin/talks.py).
"""

from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from ..models import Feedback


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

    @admin.display(description=_("コメント"))
    def comment_excerpt(self, answer):
        # The admin escapes it; shortened so one long comment keeps the list usable.
        return Truncator(answer.comment).chars(120)

    # Readers' answers are kept as given: editors read them and may delete one
    # (say, a comment that names someone), but never add or rewrite.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
