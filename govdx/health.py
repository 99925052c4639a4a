"""`/healthz` for load balancers: does this app server reach its database,
and its cache?

The status is 503 only when the database does not answer: that server can
serve nothing new. A cache that does not answer (`"cache": "error"`) leaves
the server working, slower (pages are rendered, votes and limits use the
database): keep it in the pool and alert (docs/operations.md).
`"cache": "local"` means no shared cache is configured (no CACHE_URL)."""

import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

from summaries.pagecache import store

log = logging.getLogger("govdx.health")

PATH = "/healthz"


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        log.exception("Health check: the database does not answer")
        return False
    return True


class HealthCheckMiddleware:
    """Answers `/healthz` before anything else looks at the request.

    A load balancer calls each app server by its own address over plain HTTP,
    so the check runs ahead of the host check (ALLOWED_HOSTS), the HTTPS
    redirect, sessions and the request log (one line every few seconds from
    every balancer would drown the real traffic). It reveals nothing but
    "ok", "degraded", "error" and "local".
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != PATH:
            return self.get_response(request)
        healthy = database_answers()
        cache = store.state()
        if not healthy:
            status = "error"
        else:
            status = "degraded" if cache == "error" else "ok"
        response = JsonResponse(
            {
                "status": status,
                "database": "ok" if healthy else "error",
                "cache": cache,
            },
            status=200 if healthy else 503,
        )
        add_never_cache_headers(response)
        return response


RETRY_AFTER = 30  # seconds a reader is asked to wait while the database is down


class DatabaseUnavailableMiddleware:
    """A database that cannot be reached is a 503 with Retry-After, not a 500.

    Pages already in the cache are still served (pagecache.pages); anything
    else that needs the database gets the site's "try again shortly" page in
    the reader's language, or JSON under /api/ (api.errors turns it).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import InterfaceError, OperationalError

        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        log_unavailable(exception)
        from summaries.views.errors import service_unavailable

        response = service_unavailable(request)
        response["Retry-After"] = str(RETRY_AFTER)
        add_never_cache_headers(response)
        return response


_last_logged = [0.0]


def log_unavailable(exception):
    """One line a minute while the database does not answer, not one a request."""
    import time

    now = time.monotonic()
    if now - _last_logged[0] < 60:
        return
    _last_logged[0] = now
    log.error(
        "The database does not answer (%s): answering 503", type(exception).__name__
    )
