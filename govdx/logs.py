"""Structured logs: one JSON object per line, with no personal data in them.

Used by Django (settings.LOGGING) and by gunicorn (govdx/gunicorn_conf.py), so
every line the app server writes can be read by the same log pipeline.
"""

import logging
import time

from django.core.exceptions import TooManyFieldsSent
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

request_log = logging.getLogger("govdx.request")

# Query parameters whose values are public facets of the site (the same words
# appear in its own links); any other value (a search, an admin filter) may be
# something a person typed about themselves, so only its name is kept.
PUBLIC_QUERY_KEYS = frozenset({"page", "tag", "speaker", "channel", "year", "t"})
REDACTED = "[redacted]"


class JsonFormatter(BaseJsonFormatter):
    """`{"timestamp", "level", "logger", "message", …extra fields}` per record.

    Django attaches the request (and runserver the socket) to some records;
    their text holds the full query string and the client's address, so they
    are never written out.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "%(levelname)s %(name)s %(message)s")
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", True)
        kwargs.setdefault(
            "reserved_attrs",
            [*RESERVED_ATTRS, "taskName", "request", "server_time", "socket"],
        )
        super().__init__(*args, **kwargs)


def public_query(request):
    """The query string as a dict, with free-text values replaced; empty when
    Django refuses to read it (more than DATA_UPLOAD_MAX_NUMBER_FIELDS)."""
    try:
        querydict = request.GET
    except TooManyFieldsSent:
        return {}
    return {
        key: values if key in PUBLIC_QUERY_KEYS else [REDACTED] * len(values)
        for key, values in querydict.lists()
    }


class RequestLogMiddleware:
    """One line per request: method, path, public query, status, duration.

    Deliberately without the client's address, user agent or user name.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        request_log.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "query": public_query(request),
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response


class ClientErrorsWithoutTraceback(logging.Filter):
    """On `django.request`: a 4xx answer (a parameter refused, a page not
    found) keeps its one line but not the traceback of the exception that
    made it, so that anyone sending bad addresses cannot fill the logs with
    them. The request log has the line already; 5xx keep theirs."""

    def filter(self, record):
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
