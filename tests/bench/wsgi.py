"""The site, plus a bare view served with no middleware at all: the floor
cached pages are compared with (`/__bench__/nomw/<size>/`).

The bare view in tests/bench/urls.py runs the whole middleware stack; this
one is Django's handler with an empty stack, in the same gunicorn worker.
"""

from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler
from django.core.wsgi import get_wsgi_application

site = get_wsgi_application()
PREFIX = "/__bench__/nomw/"


class NoMiddleware(WSGIHandler):
    def load_middleware(self, is_async=False):
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        self._middleware_chain = convert_exception_to_response(self._get_response)


bare = NoMiddleware()


def application(environ, start_response):
    if environ.get("PATH_INFO", "").startswith(PREFIX):
        environ["PATH_INFO"] = "/__bench__/bare/" + environ["PATH_INFO"][len(PREFIX) :]
        return bare(environ, start_response)
    return site(environ, start_response)
