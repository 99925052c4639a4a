from django.contrib.sitemaps.views import sitemap
from django.urls import path, register_converter

from .converters import UnicodeSlugConverter
from .feeds import LatestTalksFeed, TagFeed
from .sitemaps import SITEMAPS
from .views import about, home, speakers, tags, talks

register_converter(UnicodeSlugConverter, "uslug")

app_name = "summaries"

urlpatterns = [
    path("", home.HomeView.as_view(), name="home"),
    path("talks/", talks.TalkListView.as_view(), name="talk-list"),
    path("talks/<uslug:slug>/", talks.TalkDetailView.as_view(), name="talk-detail"),
    path("tags/", tags.TagListView.as_view(), name="tag-list"),
    path("tags/<uslug:slug>/", tags.TagDetailView.as_view(), name="tag-detail"),
    path("speakers/", speakers.SpeakerListView.as_view(), name="speaker-list"),
    path(
        "speakers/<uslug:slug>/",
        speakers.SpeakerDetailView.as_view(),
        name="speaker-detail",
    ),
    path("feed/", LatestTalksFeed(), name="feed"),
    path("tags/<uslug:slug>/feed/", TagFeed(), name="tag-feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", about.robots_txt, name="robots"),
    path(
        "about/accessibility/",
        about.AccessibilityView.as_view(),
        name="accessibility",
    ),
    path(
        "about/external-transmission/",
        about.ExternalTransmissionView.as_view(),
        name="external-transmission",
    ),
]
