from django.urls import path, register_converter

from .converters import UnicodeSlugConverter
from .page_cache import cached_page
from .views import home, speakers, tags, talks

register_converter(UnicodeSlugConverter, "uslug")

app_name = "summaries"

urlpatterns = [
    path("", cached_page(home.HomeView.as_view()), name="home"),
    path("talks/", cached_page(talks.TalkListView.as_view()), name="talk-list"),
    path(
        "talks/<uslug:slug>/",
        cached_page(talks.TalkDetailView.as_view()),
        name="talk-detail",
    ),
    path("tags/", cached_page(tags.TagListView.as_view()), name="tag-list"),
    path(
        "tags/<uslug:slug>/",
        cached_page(tags.TagDetailView.as_view()),
        name="tag-detail",
    ),
    path(
        "speakers/",
        cached_page(speakers.SpeakerListView.as_view()),
        name="speaker-list",
    ),
    path(
        "speakers/<uslug:slug>/",
        cached_page(speakers.SpeakerDetailView.as_view()),
        name="speaker-detail",
    ),
]
