"""Addresses for machines (feeds, sitemap, robots.txt): one address each,
outside the language prefix, like the API."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import converters  # noqa: F401  (registers <uslug:…>)
from .feeds import LatestTalksFeed, TagFeed
from .sitemaps import SITEMAPS
from .views import about

app_name = "feeds"

urlpatterns = [
    path("feed/", LatestTalksFeed(), name="latest"),
    path("tags/<uslug:slug>/feed/", TagFeed(), name="tag"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", about.robots_txt, name="robots"),
]
