from django.urls import path

from . import converters  # noqa: F401  (registers <uslug:…>)
from .pagecache.pages import cached_page
from .ratings import views as ratings
from .views import about, api_guide, home, speakers, tags, talks


def page(route, view, name, params=("page",), deps=()):
    """A public page: the same for every reader, so served from the page cache.

    `params`: the query parameters it reads (nothing else reaches the view);
    `deps`: what it always shows (pagecache.pages)."""
    return path(route, cached_page(view.as_view(), params, deps), name=name)


app_name = "summaries"

# What the list reads: a search, the filters, the page number.
LIST = ("q", "tag", "speaker", "channel", "year", "page")

urlpatterns = [
    page("", home.HomeView, "home", params=(), deps=("lists",)),
    page("talks/", talks.TalkListView, "talk-list", params=LIST, deps=("lists",)),
    page("talks/<uslug:slug>/", talks.TalkDetailView, "talk-detail", params=("t",)),
    path("talks/<uslug:slug>/rate/", ratings.RateTalkView.as_view(), name="talk-rate"),
    path(
        "talks/<uslug:slug>/feedback/",
        ratings.TalkFeedbackView.as_view(),
        name="talk-feedback",
    ),
    page("tags/", tags.TagListView, "tag-list", deps=("index",)),
    page("tags/<uslug:slug>/", tags.TagDetailView, "tag-detail"),
    page("speakers/", speakers.SpeakerListView, "speaker-list", deps=("index",)),
    page("speakers/<uslug:slug>/", speakers.SpeakerDetailView, "speaker-detail"),
    # Notices and the API guide read no database: nothing to cache.
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
    # The data itself is at /api/talks/… (govdx/urls.py); this is its guide.
    path("api/", api_guide.ApiGuideView.as_view(), name="api-guide"),
]
