from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import ListView

from ..listings import read as listings
from ..listings.models import Kind
from ..models import Speaker
from ..pagecache.pages import depends_on
from .mixins import Content, PageMixin, PublishedTalksMixin, crumb


class SpeakerListView(PageMixin, ListView):
    template_name = "summaries/speaker_list.html"
    paginate_by = 100
    nav = "speakers"

    def get_queryset(self):
        speakers = listings.with_public_counts(Speaker.objects.all(), Kind.SPEAKER)
        return speakers.order_by("name_kana", "name", "pk")

    def get_breadcrumbs(self):
        return [crumb(_("登壇者一覧"))]


class SpeakerDetailView(PublishedTalksMixin, ListView):
    template_name = "summaries/speaker_detail.html"
    require_talks = True
    nav = "speakers"

    def get_listing(self):
        return (Kind.SPEAKER, self.speaker.pk)

    def get_queryset(self):
        self.speaker = get_object_or_404(Speaker, slug=self.kwargs["slug"])
        depends_on(self.request, f"speaker:{self.speaker.pk}")
        return super().get_queryset()

    def get_breadcrumbs(self):
        return [
            crumb(_("登壇者一覧"), "summaries:speaker-list"),
            crumb(Content(self.speaker.name)),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(speaker=self.speaker, **kwargs)
