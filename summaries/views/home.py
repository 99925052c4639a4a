from django.views.generic import TemplateView

from ..listings import read as listings
from ..listings.models import Kind
from ..models import Tag
from . import cards
from .mixins import PageMixin

POPULAR_TAGS = 20


class HomeView(PageMixin, TemplateView):
    template_name = "summaries/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            latest_talks=cards.fetch(listings.newest(Kind.ALL)[:6]),
            popular_tags=self.popular_tags(),
            **kwargs,
        )

    def popular_tags(self):
        """The tags on most public talks, each with `talk_count`, in the order
        the list's tag filter uses (most first, ties by age): their stored
        counts (one range of an index) with their names, in one query."""
        top = listings.tops({Kind.TAG: POPULAR_TAGS}, named=True)[Kind.TAG]
        shown = []
        for row in top:
            if len(row) == 4:  # a tag deleted since it was counted has no name
                pk, count, name, slug = row
                shown.append(Tag(pk=pk, name=name, slug=slug))
                shown[-1].talk_count = count
        return shown
