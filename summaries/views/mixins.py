from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from .. import parameters
from ..listings import read as listings
from ..listings.models import Kind
from ..structured_data import breadcrumb_list
from . import cards

# Query parameters that make a list a different list (a search, a facet). A page
# showing one of them names the plain list as its canonical address.
FILTER_PARAMS = ("q", "tag", "speaker", "channel", "year")


class PageMixin:
    """What every public page tells the base template: menu item, breadcrumbs,
    canonical address and structured data."""

    nav = None
    og_type = "website"

    def get_breadcrumbs(self):
        """[(label, url)] below the home page; the last one is this page (url None)."""
        return []

    def get_canonical_path(self):
        return self.request.path

    def get_structured_data(self, context):
        """schema.org objects for this page's JSON-LD."""
        breadcrumbs = context["breadcrumbs"]
        return [breadcrumb_list(self.request, breadcrumbs)] if breadcrumbs else []

    def get_canonical_url(self, context):
        """This page's address without tracking or filter parameters; a list
        keeps its page number, which names different content."""
        url = self.request.build_absolute_uri(self.get_canonical_path())
        page = context.get("page_obj")
        filtered = any(name in self.request.GET for name in FILTER_PARAMS)
        if page is not None and page.number > 1 and not filtered:
            url += f"?page={page.number}"
        return url

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            nav=self.nav, breadcrumbs=self.get_breadcrumbs(), **kwargs
        )
        context["canonical_url"] = self.get_canonical_url(context)
        context["structured_data"] = self.get_structured_data(context)
        context["og_type"] = self.og_type
        return context

    def paginate_queryset(self, queryset, page_size):
        # A page number that cannot be one is the reader's 400 page, not a 404.
        parameters.page(self.request.GET, self.page_kwarg)
        return super().paginate_queryset(queryset, page_size)


class PublishedTalksMixin(PageMixin):
    """Lists of public talks, newest first, each page in a fixed number of queries."""

    paginate_by = 20
    # Subpages that only make sense with talks in them (a tag, a speaker) say 404
    # when none is public, so a draft's tags and speakers never leak.
    require_talks = False
    # The stored list shown (listings.models.Kind, value): read newest first
    # through its index and counted from FacetCount, never by counting rows.
    listing = (Kind.ALL, 0)

    def get_listing(self):
        return self.listing

    @cached_property
    def listing_state(self):
        """(public talks in the stored list shown, {(kind, value): talks not
        public now}), read once per page, in one query."""
        return listings.listing_state(*self.get_listing())

    @property
    def due_later(self):
        return self.listing_state[1]

    def get_queryset(self):
        kind, value = self.get_listing()
        return cards.CardList(listings.newest(kind, value))

    def get_paginator(self, queryset, per_page, **kwargs):
        listing = self.get_listing()
        if listing is None:
            return super().get_paginator(queryset, per_page, **kwargs)
        count = self.listing_state[0]
        return listings.CountedPaginator(queryset, per_page, count, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        result = super().paginate_queryset(queryset, page_size)
        paginator = result[0]
        if self.require_talks and paginator.count == 0:
            raise Http404(_("公開中の講演がありません。"))
        return result


class Content(str):
    """A title or a name: content, Japanese whatever the interface's language
    (the templates mark it with lang="ja" on English pages)."""

    is_content = True


def crumb(label, url_name=None, **kwargs):
    return (label, reverse(url_name, kwargs=kwargs or None) if url_name else None)
