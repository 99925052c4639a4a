"""Staff preview: a draft or scheduled talk at its real public address.

`Talk.objects.published()` stays the rule for everyone else. A logged-in editor
who may view talks also gets the others, under a 下書きのプレビュー banner, with
headers that keep the page out of every cache and search engine: a shared
page cache must never hand a preview to the public.
"""

from django.http import Http404
from django.utils.cache import add_never_cache_headers

from ..models import Talk
from ..review import snapshots
from ..review.states import states_of
from ..review.workflow import open_submission


def may_preview(user):
    return user.is_active and user.is_staff and user.has_perm("summaries.view_talk")


class StaffPreviewMixin:
    """For the talk detail view: preview for staff, 404 for the public.

    A talk with a change waiting for review shows that change to staff (the
    review app's snapshot, nothing written); readers keep the live talk.
    """

    preview = False
    pending = None

    def get_object(self, queryset=None):
        try:
            talk = super().get_object(queryset)
        except Http404:
            if not may_preview(self.request.user):
                raise
            talk = Talk.objects.for_detail().filter(slug=self.kwargs["slug"]).first()
            if talk is None:
                raise
            self.preview = True
        if may_preview(self.request.user):
            self.pending = open_submission(talk.pk)
            self.preview_states = states_of(
                talk, self.pending.state if self.pending else None
            )
            if self.pending is not None:
                self.preview = True
                talk = snapshots.preview(self.pending.snapshot, talk)
        return talk

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.preview:
            add_never_cache_headers(response)  # private, no-store, max-age=0…
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            preview=self.preview,
            pending=self.pending,
            preview_states=getattr(self, "preview_states", []),
            **kwargs,
        )
