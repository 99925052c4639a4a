"""The site's URLs, plus the bare view each page's speed is measured against."""

from django.http import HttpResponse
from django.urls import path

from govdx.urls import urlpatterns as site_urlpatterns


def bare(request, size):
    """A Django view with no template and no database, `size` bytes of HTML."""
    return HttpResponse(b"x" * size, content_type="text/html; charset=utf-8")


urlpatterns = [
    path("__bench__/bare/<int:size>/", bare),
    # The same view, served by tests.bench.wsgi with no middleware at all.
    path("__bench__/floor/<int:size>/", bare),
    *site_urlpatterns,
]
