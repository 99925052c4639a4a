from django.views.generic import TemplateView

from ..listings import read as listings
from ..listings.models import Kind
from ..models import Tag
from . import cards
from .mixins import PageMixin


class HomeView(PageMixin, TemplateView):
    template_name = "summaries/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            latest_talks=cards.fetch(listings.newest(Kind.ALL)[:6]),
            popular_tags=listings.with_public_counts(
                Tag.objects.all(), Kind.TAG
            ).order_by("-talk_count", "name", "pk")[:20],
            **kwargs,
        )
