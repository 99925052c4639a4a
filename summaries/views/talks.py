from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from .. import mindmap
from ..models import Talk
from ..structured_data import video_object
from .mixins import PageMixin, PublishedTalksMixin, crumb
from .preview import StaffPreviewMixin, may_preview
from .slugs import OldSlugRedirectMixin


class TalkListView(PublishedTalksMixin, ListView):
    template_name = "summaries/talk_list.html"
    nav = "talks"

    def get_queryset(self):
        year = self.request.GET.get("year", "")
        return (
            super()
            .get_queryset()
            .filter_by(
                tags=self.request.GET.getlist("tag"),
                speaker=self.request.GET.get("speaker"),
                channel=self.request.GET.get("channel"),
                year=int(year) if year.isascii() and year.isdigit() else None,
            )
        )

    def get_breadcrumbs(self):
        return [crumb(_("講演一覧"))]


class TalkDetailView(OldSlugRedirectMixin, StaffPreviewMixin, PageMixin, DetailView):
    nav = "talks"
    og_type = "article"
    redirect_model = Talk

    def may_redirect_to(self, talk):
        return talk.is_public or may_preview(self.request.user)

    def get_queryset(self):
        return Talk.objects.published().for_detail()

    def get_breadcrumbs(self):
        return [crumb(_("講演一覧"), "summaries:talk-list"), crumb(self.object.title)]

    def get_canonical_path(self):
        return self.object.get_absolute_url()

    def get_structured_data(self, context):
        video = video_object(self.request, self.object)
        return [video] * bool(video) + super().get_structured_data(context)

    def start_seconds(self):
        """`?t=90` (or `90s`, as YouTube writes it): where the player starts;
        0 when absent, malformed or past the end."""
        value = self.request.GET.get("t", "").strip().removesuffix("s")
        if not (value.isascii() and value.isdigit()):
            return 0
        seconds = int(value)
        return seconds if seconds < self.object.duration_seconds else 0

    def get_context_data(self, **kwargs):
        talk = self.object
        return super().get_context_data(
            related_talks=Talk.objects.related_to(talk),
            video_id=talk.youtube_id,
            start=self.start_seconds(),
            mindmap=mindmap.layout(mindmap.for_talk(talk)),
            **kwargs,
        )
