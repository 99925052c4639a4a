"""Addresses for machines (feeds, sitemap, robots.txt): one address each,
outside the language prefix, like the API."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import converters  # noqa: F401  (registers <uslug:…>)
from .feeds import LatestTalksFeed, TagFeed
from .methods import read_only
from .pagecache.pages import cached_page
from .sitemaps import SITEMAPS
from .views import about, icons

app_name = "feeds"

# Feeds and the sitemap show titles and dates, never readers' ratings: votes
# leave them cached (pagecache.state).
INDEX = ("index",)

urlpatterns = [
    path("feed/", cached_page(read_only(LatestTalksFeed()), deps=INDEX), name="latest"),
    path(
        "tags/<uslug:slug>/feed/",
        cached_page(read_only(TagFeed()), deps=INDEX),
        name="tag",
    ),
    path(
        "sitemap.xml",
        cached_page(read_only(sitemap), params=("p",), deps=INDEX),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("robots.txt", about.robots_txt, name="robots"),
    # Browsers ask for /favicon.ico on any page that names no icon (the admin's
    # own pages, a PDF, a JSON answer): the site's icon, not a 404.
    path("favicon.ico", icons.favicon, name="favicon"),
]
