"""Addresses for machines (feeds, sitemap, robots.txt): one address each,
outside the language prefix, like the API."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import converters  # noqa: F401  (registers <uslug:…>)
from .feeds import LatestTalksFeed, TagFeed
from .methods import read_only
from .pagecache.pages import cached_page
from .sitemaps import SITEMAPS
from .views import about

app_name = "feeds"

urlpatterns = [
    path("feed/", cached_page(read_only(LatestTalksFeed())), name="latest"),
    path("tags/<uslug:slug>/feed/", cached_page(read_only(TagFeed())), name="tag"),
    path(
        "sitemap.xml",
        cached_page(read_only(sitemap)),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("robots.txt", about.robots_txt, name="robots"),
]
