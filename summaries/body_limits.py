"""Refusing a request body that is too large before reading any of it.

Django bounds what it keeps in memory from a form (DATA_UPLOAD_MAX_MEMORY_SIZE,
2.5 MB) but streams uploaded files to disk whatever their size: a 50 MB
upload to the admin import was read in full before the form said "2 MB
まで". This middleware compares the request's Content-Length with the limit
of the view it is for, before anything reads the body (it runs before the
CSRF check, the first reader), and answers 413 with the site's page.

Each view's limit, in bytes:

- `@body_limit(n)` on a function view (the admin's extra views: decorate the
  method before `admin_site.admin_view()` wraps it, which keeps the mark), or
  `body_limit = n` on a class-based view;
- every other view: DATA_UPLOAD_MAX_MEMORY_SIZE (None turns the check off).

A request without Content-Length (chunked) reaches Django with no body at
all (WSGI), so it needs no check here. The proxy in front should refuse
earlier still (docs/operations.md, "Request sizes").
"""

from django.conf import settings

from .views.errors import body_too_large


def body_limit(max_bytes):
    """Let this view accept bodies up to `max_bytes` (more or less than the
    default)."""

    def mark(view):
        view.body_limit = max_bytes
        return view

    return mark


def limit_for(view):
    """The largest body `view` accepts, in bytes; None for no limit."""
    for holder in (view, getattr(view, "view_class", None)):
        limit = getattr(holder, "body_limit", None)
        if limit is not None:
            return limit
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def content_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # as Django reads it: no body


class BodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, view_args, view_kwargs):
        limit = limit_for(view)
        length = content_length(request)
        if limit is not None and length > limit:
            return body_too_large(request, length, limit)
        return None
