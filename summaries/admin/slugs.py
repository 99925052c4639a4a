"""A talk's slug suggested from its title: readable ASCII, whole words.

The talk form's slug input asks `slug-suggestion/?title=…` as the editor types
a title (summaries/js/slug-suggestion.js); a slug left empty is made the same
way on save (Talk.save). The rule is in summaries/slugs.py.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _

from ..models import Talk
from ..models.base import unique_slug
from ..slugs import romanised_slug

TITLE_LIMIT = Talk._meta.get_field("title").max_length
SLUG_LENGTH = 64


def suggested_slug(title, exclude_pk=None):
    return unique_slug(
        Talk, title, exclude_pk, max_length=SLUG_LENGTH, slugify=romanised_slug
    )


def slug_field():
    """The talk form's slug: optional, pre-filled from the title."""
    model_field = Talk._meta.get_field("slug")
    return forms.SlugField(
        label=model_field.verbose_name,
        max_length=model_field.max_length,
        allow_unicode=True,
        required=False,
        help_text=_(
            "公開アドレス /talks/スラッグ/ の部分。英小文字・数字・ハイフン推奨。"
            "タイトルを入力するとローマ字で提案され、空のまま保存するとタイトルから"
            "作ります。"
        ),
        widget=forms.TextInput(
            attrs={
                "class": "vTextField",
                "data-suggest-url": reverse_lazy(
                    "admin:summaries_talk_slug_suggestion"
                ),
                "autocomplete": "off",
            }
        ),
    )


class SlugSuggestionMixin:
    """For TalkAdmin: the endpoint the slug input asks."""

    def get_urls(self):
        return [
            path(
                "slug-suggestion/",
                self.admin_site.admin_view(self.slug_suggestion_view),
                name="summaries_talk_slug_suggestion",
            ),
            *super().get_urls(),
        ]

    def slug_suggestion_view(self, request):
        if not (
            self.has_add_permission(request) or self.has_change_permission(request)
        ):
            raise PermissionDenied
        title = request.GET.get("title", "")[:TITLE_LIMIT]
        return JsonResponse({"slug": suggested_slug(title) if title.strip() else ""})
