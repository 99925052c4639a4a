"""`/healthz` for load balancers: does this app server reach its database?"""

import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

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
    "ok" or "error".
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != PATH:
            return self.get_response(request)
        healthy = database_answers()
        response = JsonResponse(
            {
                "status": "ok" if healthy else "error",
                "database": "ok" if healthy else "error",
            },
            status=200 if healthy else 503,
        )
        add_never_cache_headers(response)
        return response
