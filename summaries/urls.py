from django.urls import path, register_converter

from .converters import UnicodeSlugConverter
from .views import home, ratings, speakers, tags, talks

register_converter(UnicodeSlugConverter, "uslug")

app_name = "summaries"

urlpatterns = [
    path("", home.HomeView.as_view(), name="home"),
    path("talks/", talks.TalkListView.as_view(), name="talk-list"),
    path("talks/<uslug:slug>/", talks.TalkDetailView.as_view(), name="talk-detail"),
    path("talks/<uslug:slug>/rate/", ratings.RateTalkView.as_view(), name="talk-rate"),
    path(
        "talks/<uslug:slug>/feedback/",
        ratings.TalkFeedbackView.as_view(),
        name="talk-feedback",
    ),
    path("tags/", tags.TagListView.as_view(), name="tag-list"),
    path("tags/<uslug:slug>/", tags.TagDetailView.as_view(), name="tag-detail"),
    path("speakers/", speakers.SpeakerListView.as_view(), name="speaker-list"),
    path(
        "speakers/<uslug:slug>/",
        speakers.SpeakerDetailView.as_view(),
        name="speaker-detail",
    ),
]
