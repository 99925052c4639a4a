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


@pytest.mark.django_db  # the site's middleware may read the database
def test_the_floor_is_served_with_no_middleware_beside_the_site(settings):
    """tests.bench.wsgi: /__bench__/floor/ skips every middleware (no security
    headers, no request log), the rest is the site as production serves it."""
    from django.test.client import RequestFactory

    from tests.bench import wsgi

    settings.ROOT_URLCONF = "tests.bench.urls"
    settings.ALLOWED_HOSTS = ["testserver"]

    def get(path):
        environ = RequestFactory()._base_environ(PATH_INFO=path)
        answer = {}

        def start_response(status, headers):
            answer["status"], answer["headers"] = status, dict(headers)

        body = b"".join(wsgi.application(environ, start_response))
        return answer["status"], answer["headers"], body

    status, headers, body = get("/__bench__/floor/321/")
    assert status.startswith("200") and len(body) == 321
    assert "X-Frame-Options" not in headers
    status, headers, _body = get("/__bench__/bare/321/")
    assert status.startswith("200") and "X-Frame-Options" in headers
