from django.urls import path

from . import converters  # noqa: F401  (registers <uslug:…>)
from .views import about, api_guide, home, speakers, tags, talks

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
