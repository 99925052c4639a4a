from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import ListView

from ..listings import read as listings
from ..listings.models import Kind
from ..models import Tag, Talk
from ..pagecache.pages import depends_on
from .mixins import Content, PageMixin, PublishedTalksMixin, crumb
from .slugs import OldSlugRedirectMixin


class TagListView(PageMixin, ListView):
    template_name = "summaries/tag_list.html"
    paginate_by = 200
    nav = "tags"

    def get_queryset(self):
        tags = listings.with_public_counts(Tag.objects.all(), Kind.TAG)
        return tags.order_by("-talk_count", "name", "pk")

    def get_breadcrumbs(self):
        return [crumb(_("タグ一覧"))]


class TagDetailView(OldSlugRedirectMixin, PublishedTalksMixin, ListView):
    template_name = "summaries/tag_detail.html"
    require_talks = True
    nav = "tags"
    redirect_model = Tag

    def may_redirect_to(self, tag):
        return Talk.objects.published().filter(tagged_items__tag=tag).exists()

    def get_listing(self):
        return (Kind.TAG, self.tag.pk)

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        depends_on(self.request, f"tag:{self.tag.pk}")
        return super().get_queryset()

    def get_breadcrumbs(self):
        return [
            crumb(_("タグ一覧"), "summaries:tag-list"),
            crumb(Content(self.tag.name)),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)
