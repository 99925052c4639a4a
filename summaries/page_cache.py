"""Whole public pages from the cache, invalidated exactly when content changes.

A page's cache key is made of what could change it: the content version (raised
in the same transaction as every write, through `talk_changed`, and by votes),
the time of the latest publication that has come (so a scheduled talk appears
the moment it is due, with no job), the language and the full path. Checking
that state costs one indexed query; a hit renders nothing. The same key is the
page's ETag, so a browser that has the page gets a 304.

Pages holding a CSRF form stay cacheable: they are rendered with a placeholder
token, and each response gets the reader's own token in its place. Work that
must happen on every serve, cached or not (counting a search for editors), is
asked for with `on_every_serve()` and kept with the page.
"""

import datetime as dt
import functools
import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F, Subquery
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.module_loading import import_string
from django.utils.translation import get_language

from .models import ContentVersion, Talk
from .signals import talk_changed

CSRF_PLACEHOLDER = "__govdx_csrf_token__"
KEPT_HEADERS = ("Content-Type", "Content-Language", "Link", "X-Robots-Tag")
TIMEOUT = 60 * 60 * 24


# Any fixed moment: it marks where "now" goes in the compiled state query.
_NOW_MARK = dt.datetime(2001, 2, 3, 4, 5, 6, tzinfo=dt.UTC)


def _state_queryset(now):
    latest = (
        Talk.objects.published(now=now)
        .order_by("-published_at")
        .values("published_at")[:1]
    )
    return (
        ContentVersion.objects.filter(pk=1)
        .annotate(latest=Subquery(latest))
        .values_list("number", "latest")
    )


@functools.cache
def _compiled_state_query(alias):
    """The state query's SQL, compiled once per database: on a cache hit it is
    the only work besides the cache read, and the ORM's compiling would
    otherwise cost more than running it."""
    sql, params = _state_queryset(_NOW_MARK).query.get_compiler(alias).as_sql()
    mark = connections[alias].ops.adapt_datetimefield_value(_NOW_MARK)
    return sql, list(params), params.index(mark)


def content_state():
    """(content version, latest publication time that has come)."""
    sql, params, now_at = _compiled_state_query(DEFAULT_DB_ALIAS)
    connection = connections[DEFAULT_DB_ALIAS]
    params = params.copy()
    params[now_at] = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return tuple(row) if row else (0, None)


def bump():
    """Make every cached page stale: call inside the writing transaction."""
    if not ContentVersion.objects.filter(pk=1).update(number=F("number") + 1):
        ContentVersion.objects.get_or_create(pk=1, defaults={"number": 1})


@receiver(talk_changed, dispatch_uid="page-cache-bump")
def _content_changed(sender, talk_ids, **kwargs):
    bump()


def on_every_serve(response, handler, *args):
    """Run `handler(request, *args)` each time this page is served, from the
    cache too. `handler` must be a module-level function (it is kept by name)."""
    calls = getattr(response, "_serve_calls", [])
    calls.append((f"{handler.__module__}.{handler.__qualname__}", args))
    response._serve_calls = calls


def _run_serve_calls(request, calls):
    for path, args in calls:
        import_string(path)(request, *args)


def _personal(request):
    """Requests whose page may differ for this reader: never cached."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def csrf(request):
    """Context processor: a placeholder token while a page is rendered for the cache."""
    if getattr(request, "_rendering_for_cache", False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


def cached_page(view):
    """Serve a public GET page from the cache, with an ETag and 304s."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or _personal(request):
            response = view(request, *args, **kwargs)
            _run_serve_calls(request, getattr(response, "_serve_calls", []))
            return response
        state = repr((content_state(), get_language(), request.get_full_path()))
        key = hashlib.sha256(state.encode()).hexdigest()
        etag = f'"{key[:40]}"'
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            return not_modified
        stored = cache.get(f"page:{key}")
        if stored is None:
            stored = _render_for_cache(view, request, *args, **kwargs)
            if isinstance(stored, HttpResponse):
                return stored  # not a cacheable page: an error, a redirect…
            cache.set(f"page:{key}", stored, TIMEOUT)
        content, headers, calls = stored
        _run_serve_calls(request, calls)
        response = HttpResponse(_with_reader_token(request, content))
        for name, value in headers:
            response[name] = value
        response["ETag"] = etag
        # Browsers and CDNs may keep the page, but ask each time (a 304 is cheap).
        private = CSRF_PLACEHOLDER.encode() in content
        patch_cache_control(response, no_cache=True, private=private or None)
        return response

    return wrapped


def _render_for_cache(view, request, *args, **kwargs):
    request._rendering_for_cache = True
    try:
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
    finally:
        request._rendering_for_cache = False
    cache_control = response.get("Cache-Control", "")
    directives = {part.strip() for part in cache_control.split(",")}
    if response.status_code != 200 or {"private", "no-store"} & directives:
        # Not for everyone (an error, a staff preview…): serve it as it is.
        response.content = _with_reader_token(request, response.content)
        _run_serve_calls(request, getattr(response, "_serve_calls", []))
        return response
    headers = [(name, response[name]) for name in KEPT_HEADERS if name in response]
    return response.content, headers, getattr(response, "_serve_calls", [])


def _with_reader_token(request, content):
    placeholder = CSRF_PLACEHOLDER.encode()
    if placeholder not in content:
        return content
    return content.replace(placeholder, get_token(request).encode())
