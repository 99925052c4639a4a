from django.urls import path, register_converter

from .converters import UnicodeSlugConverter
from .views import api_guide, home, speakers, tags, talks

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
    # The data itself is at /api/talks/… (govdx/urls.py); this is its guide.
    path("api/", api_guide.ApiGuideView.as_view(), name="api-guide"),
]
