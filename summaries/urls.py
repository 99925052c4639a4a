from django.urls import path

from . import converters  # noqa: F401  (registers <uslug:…>)
from .pagecache.pages import cached_page
from .ratings import views as ratings
from .views import about, api_guide, home, speakers, tags, talks


def page(route, view, name):
    """A public page: the same for every reader, so served from the page cache."""
    return path(route, cached_page(view.as_view()), name=name)


app_name = "summaries"

urlpatterns = [
    page("", home.HomeView, "home"),
    page("talks/", talks.TalkListView, "talk-list"),
    page("talks/<uslug:slug>/", talks.TalkDetailView, "talk-detail"),
    path("talks/<uslug:slug>/rate/", ratings.RateTalkView.as_view(), name="talk-rate"),
    path(
        "talks/<uslug:slug>/feedback/",
        ratings.TalkFeedbackView.as_view(),
        name="talk-feedback",
    ),
    page("tags/", tags.TagListView, "tag-list"),
    page("tags/<uslug:slug>/", tags.TagDetailView, "tag-detail"),
    page("speakers/", speakers.SpeakerListView, "speaker-list"),
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
