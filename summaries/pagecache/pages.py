"""Whole public pages from the cache, invalidated exactly when content changes.

A page's cache key is made of what could change it: the content state
(`state.content_state()`: the content version and the latest publication that
has come), the language and the full path. Checking that state costs one
indexed query; a hit renders nothing. The same key is the page's ETag, so a
browser that has the page gets a 304.

Pages holding a CSRF form stay cacheable: they are rendered with a placeholder
token, and each response gets the reader's own token in its place. Work that
must happen on every serve, cached or not (counting a search for editors), is
asked for with `on_every_serve()` and kept with the page.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language

from . import store
from .state import content_state

CSRF_PLACEHOLDER = "__govdx_csrf_token__"
KEPT_HEADERS = ("Content-Type", "Content-Language", "Link", "X-Robots-Tag")
TIMEOUT = 60 * 60 * 24


def on_every_serve(response, handler, *args):
    """Run `handler(request, *args)` each time this page is served, from the
    cache too. The call is stored with the page: `handler` must be a
    module-level function, which pickle keeps by reference."""
    calls = getattr(response, "_serve_calls", [])
    calls.append((handler, args))
    response._serve_calls = calls


def _run_serve_calls(request, calls):
    for handler, args in calls:
        handler(request, *args)


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
        stored = store.get(f"page:{key}")
        if stored is None:
            stored = _render_for_cache(view, request, *args, **kwargs)
            if isinstance(stored, HttpResponse):
                return stored  # not a cacheable page: an error, a redirect…
            store.set(f"page:{key}", stored, TIMEOUT)
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
