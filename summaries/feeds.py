"""Atom feeds: every new talk, and the talks of one tag."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .bidi import isolate
from .models import Tag, Talk

FEED_LENGTH = 50


class LatestTalksFeed(Feed):
    feed_type = Atom1Feed
    description_template = "summaries/feeds/talk_summary.html"
    author_name = "GovDX Talks"
    language = "ja"

    def title(self):
        return _("GovDX Talks の新着講演")

    def subtitle(self):
        return _("行政のデジタル改革を語る講演の要約。要約と要点を載せています。")

    def link(self):
        return reverse("summaries:home")

    def talks(self):
        return Talk.objects.published().newest_first().for_cards()

    def items(self):
        return self.talks().prefetch_related("takeaways")[:FEED_LENGTH]

    def item_title(self, item):
        # Atom titles are plain text: isolated, as in <title> (bidi.py).
        return isolate(item.title)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class TagFeed(LatestTalksFeed):
    def get_object(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        # As on the tag's page: a tag with no public talk is not shown.
        if not Talk.objects.published().filter(tagged_items__tag=tag).exists():
            raise Http404(_("公開中の講演がありません。"))
        return tag

    def title(self, obj):
        return _("GovDX Talks: タグ「%(name)s」の講演") % {"name": isolate(obj.name)}

    def subtitle(self, obj):
        return _("タグ「%(name)s」が付いた講演の要約と要点。") % {
            "name": isolate(obj.name)
        }

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        talks = self.talks().filter(tagged_items__tag=obj)
        return talks.prefetch_related("takeaways")[:FEED_LENGTH]
