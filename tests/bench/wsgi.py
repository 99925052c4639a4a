"""The site's WSGI application, and beside it the floor: a bare view served
with no middleware at all, by the same gunicorn worker.

Requests under `/__bench__/floor/<size>/` go to a Django handler built with
`MIDDLEWARE = []`; everything else to the site as production serves it. The
floor is what Django itself costs for a response of that size: a page's
requests per second divided by the floor's says how much of the rest the
page spends (issue 13).
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")

from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

FLOOR = "/__bench__/floor/"

site = get_wsgi_application()
# The handler reads MIDDLEWARE once, when it is made.
with override_settings(MIDDLEWARE=[]):
    floor = WSGIHandler()


def application(environ, start_response):
    if environ.get("PATH_INFO", "").startswith(FLOOR):
        return floor(environ, start_response)
    return site(environ, start_response)
