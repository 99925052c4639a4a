from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import Talk


class PageMixin:
    """What every public page tells the base template: menu item and breadcrumbs."""

    nav = None

    def get_breadcrumbs(self):
        """[(label, url)] below the home page; the last one is this page (url None)."""
        return []

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            nav=self.nav, breadcrumbs=self.get_breadcrumbs(), **kwargs
        )


class PublishedTalksMixin(PageMixin):
    """Lists of public talks, newest first, each page in a fixed number of queries."""

    paginate_by = 20
    # Subpages that only make sense with talks in them (a tag, a speaker) say 404
    # when none is public, so a draft's tags and speakers never leak.
    require_talks = False

    def get_queryset(self):
        return Talk.objects.published().newest_first().for_cards()

    def paginate_queryset(self, queryset, page_size):
        result = super().paginate_queryset(queryset, page_size)
        paginator = result[0]
        if self.require_talks and paginator.count == 0:
            raise Http404(_("公開中の講演がありません。"))
        return result


def crumb(label, url_name=None, **kwargs):
    return (label, reverse(url_name, kwargs=kwargs or None) if url_name else None)
