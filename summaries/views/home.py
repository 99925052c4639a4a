from django.views.generic import TemplateView

from ..models import Tag, Talk
from ..ratings.voting import with_ratings
from .mixins import PageMixin


class HomeView(PageMixin, TemplateView):
    template_name = "summaries/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            latest_talks=with_ratings(
                Talk.objects.published().newest_first().for_cards()
            )[:6],
            popular_tags=Tag.objects.with_public_counts()[:20],
            **kwargs,
        )
