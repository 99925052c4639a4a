"""The benchmark's bare view lives in its own URLconf, never on the site."""

import pytest
from django.urls import Resolver404, resolve


def test_the_site_has_no_benchmark_urls():
    with pytest.raises(Resolver404):
        resolve("/__bench__/bare/100/")


def test_the_benchmark_urlconf_serves_the_site_and_the_bare_view(rf):
    match = resolve("/__bench__/bare/1234/", urlconf="tests.bench.urls")
    response = match.func(rf.get("/"), **match.kwargs)
    assert response.status_code == 200 and len(response.content) == 1234
    assert resolve("/talks/", urlconf="tests.bench.urls").url_name == "talk-list"
