"""/sitemap.xml: every public page, with `lastmod` only where it is accurate.

Google uses lastmod only when it can trust it and ignores priority and
changefreq, so neither is given. A talk's lastmod is its `updated_at`; a tag's
or speaker's is the latest `updated_at` of its public talks, computed in the
same query that lists them.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .models import Speaker, Tag, Talk


class TalkSitemap(Sitemap):
    def items(self):
        return Talk.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class TagSitemap(Sitemap):
    def items(self):
        return (
            Tag.objects.filter(
                tagged_talks__content_object__in=Talk.objects.published()
            )
            .annotate(last_talk_update=Max("tagged_talks__content_object__updated_at"))
            .order_by("pk")
        )

    def lastmod(self, item):
        return item.last_talk_update


class SpeakerSitemap(Sitemap):
    def items(self):
        return (
            Speaker.objects.filter(talk_roles__talk__in=Talk.objects.published())
            .annotate(last_talk_update=Max("talk_roles__talk__updated_at"))
            .order_by("pk")
        )

    def lastmod(self, item):
        return item.last_talk_update


class PageSitemap(Sitemap):
    """Home, indexes and the site's own notices."""

    # (url name, whether its content follows the talks)
    pages = [
        ("summaries:home", True),
        ("summaries:talk-list", True),
        ("summaries:tag-list", True),
        ("summaries:speaker-list", True),
        ("summaries:accessibility", False),
        ("summaries:external-transmission", False),
    ]

    def items(self):
        return self.pages

    def location(self, item):
        return reverse(item[0])

    def lastmod(self, item):
        if not item[1]:
            return None
        if not hasattr(self, "_latest"):
            self._latest = Talk.objects.published().aggregate(Max("updated_at"))[
                "updated_at__max"
            ]
        return self._latest


SITEMAPS = {
    "pages": PageSitemap,
    "talks": TalkSitemap,
    "tags": TagSitemap,
    "speakers": SpeakerSitemap,
}
