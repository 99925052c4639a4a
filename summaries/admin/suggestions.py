"""Suggestions for editors on the talk form: tags, keywords, highlights.

The change form's 「提案」 panel (summaries/js/suggestions.js) asks
`<id>/suggestions/?kind=tags|keywords|highlights` when the editor presses
its button, never on page load. The suggestions are computed from the saved
talk by summaries/search/editing.py (the same as `manage.py suggest`); the
panel shows each as a button, and only the editor's click adds it to the
form. Nothing here writes anything.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.urls import path
from django.utils.translation import gettext as _

from ..search.editing import KINDS, suggest
from ..text import format_timecode

LIMITS = {"tags": 15, "keywords": 10, "highlights": 8}


def suggestion_items(talk, kind, **inputs):
    """[{"text": shown, "value": what the form receives}, ...], best first."""
    found = suggest(talk, kind, limit=LIMITS[kind], **inputs)
    if kind == "highlights":
        return [
            {
                "text": text,
                "seconds": seconds,
                "value": f"{format_timecode(seconds)} {' '.join(text.split())}",
            }
            for seconds, text in found
        ]
    return [{"text": text, "value": text} for text in found]


class SuggestionsAdminMixin:
    """For TalkAdmin: the JSON endpoint the 「提案」 panel asks."""

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/suggestions/",
                self.admin_site.admin_view(self.suggestions_view),
                name=f"{opts.app_label}_{opts.model_name}_suggestions",
            ),
            *super().get_urls(),
        ]

    def suggestions_view(self, request, object_id):
        talk = self.get_object(request, unquote(object_id))
        if talk is None:
            raise Http404
        if not self.has_change_permission(request, talk):
            raise PermissionDenied
        kind = request.GET.get("kind", "")
        if kind not in KINDS:
            message = _(
                "kind に %(given)s は使えません。%(kinds)s のどれかを指定してください。"
            ) % {"given": repr(kind[:40]), "kinds": ", ".join(KINDS)}
            return JsonResponse({"error": message}, status=400)
        return JsonResponse({"kind": kind, "suggestions": suggestion_items(talk, kind)})
