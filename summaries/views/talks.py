from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from ..models import Talk
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
    redirect_model = Talk

    def may_redirect_to(self, talk):
        return talk.is_public or may_preview(self.request.user)

    def get_queryset(self):
        return Talk.objects.published().for_detail()

    def get_breadcrumbs(self):
        return [crumb(_("講演一覧"), "summaries:talk-list"), crumb(self.object.title)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            related_talks=Talk.objects.related_to(self.object), **kwargs
        )
