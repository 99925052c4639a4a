"""A cache hit served before the heavy middleware runs.

`CachedPageMiddleware` sits right after the request log. For a GET or HEAD
of a cached public page (its view is wrapped by `cached_page`) from a reader
with no session, it looks the page up as `cached_page` would; when the stored
page is current it answers at once, with the headers the rest of the stack
added the last time it served such a page in this language (security
headers, CSP, Permissions-Policy, Vary, Content-Language), learnt from that
response. Anything else goes down the stack as before: a miss, a stale page,
staff, an address it does not serve over plain HTTP, a Host not allowed.
Work a page asks for on every serve (counting a search) runs here too. A
page with a form gets the reader's own CSRF token, and a reader without a
CSRF cookie gets one, set by Django's own CsrfViewMiddleware code.
"""

import gzip

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.middleware.csrf import CsrfViewMiddleware
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers

from . import pages
from .slotted import Slotted

# Headers each page brings itself (from the stored page or per response).
OWN = {
    "content-type",
    "content-length",
    "content-encoding",
    "etag",
    "cache-control",
    "link",
    "x-robots-tag",
}
_GZIPPED = {}
_GZIPPED_MAX = 200
# (language, has a form) -> [(header, value)], learnt per worker process.
LEARNT = {}


# Django's own cookie-setting code, used on the early path (it needs no view).
_CSRF = CsrfViewMiddleware(lambda request: None)


class CachedPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.serve_early(request)
        if response is not None:
            return response
        response = self.get_response(request)
        self.learn(request, response)
        return response

    def learn(self, request, response):
        if (
            not getattr(response, "_from_page_cache", False)
            or response.status_code != 200
            # The CSRF cookie, renewed on every page with a form, is the
            # reader's own; any other cookie makes the answer personal.
            or set(response.cookies) - {settings.CSRF_COOKIE_NAME}
        ):
            return
        # Pages with a form are sent private (pages._serve).
        form = "private" in response.get("Cache-Control", "")
        language = translation.get_language_from_path(request.path_info)
        headers = [
            (name, value) for name, value in response.items() if name.lower() not in OWN
        ]
        LEARNT[(language or settings.LANGUAGE_CODE, form)] = headers

    def serve_early(self, request):
        if request.method not in ("GET", "HEAD") or pages._personal(request):
            return None
        if settings.SECURE_SSL_REDIRECT and not request.is_secure():
            return None
        try:
            request.get_host()
        except DisallowedHost:
            return None
        language = (
            translation.get_language_from_path(request.path_info)
            or settings.LANGUAGE_CODE
        )
        params = _page_params(language, request.path_info)
        if params is None:
            return None
        with translation.override(language):
            found = pages.current_entry(request, params)
            if found is None:
                return None
            address, stored = found
            content = stored[2]
            form = bool(pages.token_holes(address, stored[1], content))
            learnt = LEARNT.get((language, form))
            if learnt is None:
                return None
            if form:
                if settings.CSRF_USE_SESSIONS:
                    return None  # the secret lives in a session: the stack's work
                secret = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
                if len(secret) == 32 and secret.isalnum() and secret.isascii():
                    # As CsrfViewMiddleware would: the reader's secret, masked anew.
                    request.META["CSRF_COOKIE"] = secret
                # Else reader_token() makes the reader a secret as the page is served.
            response = pages.serve(request, address, stored)
        if form:
            # The cookie set (or renewed) exactly as CsrfViewMiddleware sets it.
            _CSRF.process_response(request, response)
        for name, value in learnt:
            if not response.has_header(name):
                response[name] = value
        if response.status_code == 200:
            _compress(request, response, address, stored)
        return response


_MISSING = object()
# (language, path) -> the declared parameters of the cached page the path
# resolves to, or None: the URLconf does not change while a worker runs, and
# resolving costs more than the rest of a hit. Bounded: emptied when full.
_RESOLVED = {}
_RESOLVED_MAX = 5000


def _page_params(language, path):
    key = (language, path)
    params = _RESOLVED.get(key, _MISSING)
    if params is _MISSING:
        with translation.override(language):
            try:
                match = resolve(path)
            except Resolver404:
                params = None
            else:
                params = getattr(match.func, "page_params", None)
        if len(_RESOLVED) >= _RESOLVED_MAX:
            _RESOLVED.clear()
        _RESOLVED[key] = params
    return params


def _compress(request, response, address, stored):
    """gzip as GZipMiddleware would, once per page version: whole for a page
    that is the same for everyone, around the token (`slotted`) for a page
    with a form, which gets each reader's own token."""
    patch_vary_headers(response, ("Accept-Encoding",))
    accepts = request.META.get("HTTP_ACCEPT_ENCODING", "")
    if "gzip" not in accepts or len(response.content) < 200:
        response["Content-Length"] = str(len(response.content))
        return
    private = "private" in response.get("Cache-Control", "")
    key = (address, stored[1])
    kept = _GZIPPED.get(key)
    if kept is None:
        if private:
            kept = Slotted(stored[2], pages.CSRF_PLACEHOLDER.encode())
        else:
            kept = gzip.compress(response.content, compresslevel=6, mtime=0)
        if len(_GZIPPED) >= _GZIPPED_MAX:
            _GZIPPED.clear()
        _GZIPPED[key] = kept
    body = kept.fill(response.content) if isinstance(kept, Slotted) else kept
    if body is None:
        body = gzip.compress(response.content, compresslevel=6, mtime=0)
    response.content = body
    response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(body))
    if response.has_header("ETag"):
        etag = response["ETag"]
        if etag.startswith('"'):
            response["ETag"] = "W/" + etag
