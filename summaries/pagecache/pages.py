"""Whole public pages from the cache, invalidated exactly when what they show
changes.

**Keys.** Each page declares the query parameters it reads (`params`). Only
those, in that order, with empty values dropped and a repeatable parameter's
values sorted, `page=1` the same as none, make the page's address in the
cache. The view is handed only the declared parameters (in the order given,
so its links keep the reader's order), so an unknown parameter (`?utm=1`,
`?flood=2`) neither mints a key nor changes the page. The key is the
language and that address.

**Open-ended pages** (a search, a page deeper than OPEN_PAGE, more than one
filter value, a start time) are kept in a bounded space of their own: the
`open-pages` cache alias, a per-process LRU of OPEN_ENTRIES pages. The shared
cache (Redis) holds only the closed set: every talk, tag and speaker page,
the lists' first pages and single-filter lists.

**Freshness.** A stored page keeps the names of what it was built from
(`depends_on()`, plus the page's declared `deps` and "site") and their
versions (`state.versions()`); it is served only while every version is
unchanged. The versions come from the shared cache when they are there, so a
hit on Redis reads no database; each worker keeps those it has read until
Redis says they changed (`tracked`), so a hit reads nothing from Redis
either. The ETag is the key and the versions, so a
browser that has the page gets a 304.

**Faults.** The cache is reached through `store`: a Redis that is down or slow
is a miss and the page is rendered. A database that does not answer while a
stored page is at hand serves the stored page (stale, but better than a 503).

Pages holding a CSRF form stay cacheable: they are rendered with a placeholder
token, and each response gets the reader's own token in its place. Work that
must happen on every serve, cached or not (counting a search for editors), is
asked for with `on_every_serve()` and kept with the page.
"""

import hashlib
import threading
from collections import OrderedDict
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, QueryDict
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language

from . import store
from .state import ALWAYS, versions
from .tokens import reader_token

CSRF_PLACEHOLDER = "__govdx_csrf_token__"
KEPT_HEADERS = ("Content-Type", "Content-Language", "Link", "X-Robots-Tag")
TIMEOUT = 60 * 60 * 24
# Parameters that may be given more than once (their values are sorted).
REPEATABLE = ("tag",)
# Filters: more than one value among them makes a list open-ended.
FILTERS = ("tag", "speaker", "channel", "year")
# Pages past this number are open-ended (few readers go there).
OPEN_PAGE = 5
OPEN_ALIAS = "open-pages"
# Shared pages a worker also keeps in its own memory (see _Shared).
LOCAL_ENTRIES = 200


def on_every_serve(response, handler, *args):
    """Run `handler(request, *args)` each time this page is served, from the
    cache too. The call is stored with the page: `handler` must be a
    module-level function, which pickle keeps by reference."""
    calls = getattr(response, "_serve_calls", [])
    calls.append((handler, args))
    response._serve_calls = calls


def depends_on(request, *names):
    """Called by a view while it renders: this page shows these things
    (`talk:12`, `tag:3`, `speaker:5`, `lists`, `index`)."""
    found = getattr(request, "_page_deps", None)
    if found is not None:
        found.update(names)


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


def canonical_query(query, params):
    """The declared `params` of `query` (a QueryDict), in their order: empty
    values dropped, a repeatable parameter's values sorted and deduplicated,
    any other's last value (as `QueryDict.get` reads it)."""
    canonical = QueryDict(mutable=True)
    for name in params:
        values = [value for value in query.getlist(name) if value]
        if not values:
            continue
        if name in REPEATABLE:
            canonical.setlist(name, sorted(set(values)))
        elif not (name == "page" and values[-1] == "1"):
            canonical[name] = values[-1]
    return canonical


def declared_query(query, params):
    """`query` with only the declared `params` and no empty values, in the
    order given: what the view reads."""
    kept = QueryDict(mutable=True)
    for name, values in query.lists():
        values = [value for value in values if value]
        if name in params and values:
            kept.setlist(name, values)
    return kept


def is_open(query):
    """Does this canonical query name an open-ended page (see the module)?"""
    if "q" in query or "t" in query:
        return True
    page = query.get("page") or query.get("p") or "1"
    if not (page.isascii() and page.isdigit() and len(page) <= 3):
        return True
    if int(page) > OPEN_PAGE:
        return True
    return sum(len(query.getlist(name)) for name in FILTERS) > 1


def cached_page(view, params=(), deps=()):
    """Serve a public GET page from the cache, with an ETag and 304s.

    `params`: the query parameters the page reads; `deps`: what it always
    shows (`lists`, `index`), besides what the view names with `depends_on()`.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or _personal(request):
            response = view(request, *args, **kwargs)
            _run_serve_calls(request, getattr(response, "_serve_calls", []))
            return response
        address, key, space = _address(request, params)
        _use_query(request, declared_query(request.GET, params))
        probe = getattr(request, "_page_probe", None)
        if probe is not None and probe[0] == key:
            # Looked up already by early.CachedPageMiddleware.
            _, stored, before = probe
        else:
            stored, before = space.get(key), None
        if stored is not None:
            if before is None:
                try:
                    before = versions(stored[0])
                except (OperationalError, InterfaceError):
                    before = stored[1]  # the database is down: the page we have
            if before == stored[1]:
                return serve(request, address, stored)
        request._page_deps = {*ALWAYS, *deps}
        try:
            rendered = _render_for_cache(view, request, *args, **kwargs)
            found = tuple(sorted(request._page_deps))
        finally:
            del request._page_deps
        if isinstance(rendered, HttpResponse):
            return rendered  # not a cacheable page: an error, a redirect…
        content, headers, calls = rendered
        if stored is not None and found == stored[0]:
            # Versions read before rendering: a write during the render
            # leaves the stored page stale at once, never stale-but-current.
            numbers = before
        else:
            numbers = versions(found)
        stored = (found, numbers, content, headers, calls)
        space.set(key, stored, TIMEOUT)
        return serve(request, address, stored)

    wrapped.page_params = tuple(params)
    return wrapped


def _address(request, params):
    """(the page's canonical address, its cache key, the space it is kept in)."""
    query = canonical_query(request.GET, params)
    address = f"{get_language()}|{request.path}|{query.urlencode()}"
    return (
        address,
        "page:" + hashlib.sha256(address.encode()).hexdigest(),
        _space(query),
    )


def current_entry(request, params):
    """(address, stored page) when the cache holds this page and it is
    current, else None: for `early.CachedPageMiddleware`."""
    address, key, space = _address(request, params)
    stored = space.get(key)
    if stored is None:
        request._page_probe = (key, None, None)
        return None
    try:
        current = versions(stored[0])
    except (OperationalError, InterfaceError):
        return None  # the full path decides what to do without a database
    # What was read is kept for cached_page, so a miss reads nothing twice.
    request._page_probe = (key, stored, current)
    return (address, stored) if current == stored[1] else None


def serve(request, address, stored):
    """A stored page as a response (or a 304) for this reader."""
    _names, numbers, content, headers, calls = stored
    response = _serve(request, address, numbers, content, headers, calls)
    response._from_page_cache = True
    return response


def _use_query(request, query):
    """Hand the view the declared parameters only: what it shows depends on
    nothing else (links that keep the query, the language switch…)."""
    request.GET = query
    request.META["QUERY_STRING"] = query.urlencode()


class _Shared:
    """The shared cache through `store` (a Redis fault is a miss), with the
    last LOCAL_ENTRIES pages this worker served kept in its memory: a page's
    versions decide whether it is current, wherever it was kept, so a local
    copy is never served stale, and a hit costs no Redis read (the versions
    are kept too, see `tracked`) instead of two and the page's transfer."""

    local = OrderedDict()
    lock = threading.Lock()

    @classmethod
    def get(cls, key):
        if store.shared():
            with cls.lock:
                stored = cls.local.get(key)
                if stored is not None:
                    cls.local.move_to_end(key)
                    return stored
        stored = store.get(key)
        if stored is not None:
            cls._keep(key, stored)
        return stored

    @classmethod
    def set(cls, key, value, timeout):
        cls._keep(key, value)
        store.set(key, value, timeout)

    @classmethod
    def _keep(cls, key, value):
        if not store.shared():
            return  # the cache is this worker's memory already
        with cls.lock:
            cls.local[key] = value
            cls.local.move_to_end(key)
            while len(cls.local) > LOCAL_ENTRIES:
                cls.local.popitem(last=False)


def _space(query):
    return caches[OPEN_ALIAS] if is_open(query) else _Shared


def _serve(request, address, numbers, content, headers, calls):
    digest = hashlib.sha256(f"{address}|{numbers}".encode()).hexdigest()
    etag = f'"{digest[:40]}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified
    _run_serve_calls(request, calls)
    holes = token_holes(address, numbers, content)
    response = HttpResponse(_with_reader_token(request, content, holes))
    for name, value in headers:
        response[name] = value
    response["ETag"] = etag
    # Browsers and CDNs may keep the page, but ask each time (a 304 is cheap).
    if holes:
        patch_cache_control(response, no_cache=True, private=True)
    else:
        patch_cache_control(response, no_cache=True)
    return response


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


def _with_reader_token(request, content, holes=None):
    """The page with the reader's token in place of each placeholder, at
    `holes` (from `token_holes`; searched for when not given)."""
    if holes is None:
        holes = _holes_in(content)
    if not holes:
        return content
    token = reader_token(request).encode()
    pieces, start = [], 0
    for hole in holes:
        pieces += [content[start:hole], token]
        start = hole + len(CSRF_PLACEHOLDER)
    pieces.append(content[start:])
    return b"".join(pieces)


# (address, versions) -> where the placeholders of that stored page are: a
# page is searched for them once per version in each worker, not on every
# hit (two scans and a replace of a 30 KB page: some 20 µs of a hit).
# Offsets only; bounded: emptied when full.
_HOLES = {}
_HOLES_MAX = 5000


def token_holes(address, numbers, content):
    """The offsets of the CSRF placeholders in a stored page (empty: it has
    no form)."""
    key = (address, numbers)
    holes = _HOLES.get(key)
    if holes is None:
        holes = _holes_in(content)
        if len(_HOLES) >= _HOLES_MAX:
            _HOLES.clear()
        _HOLES[key] = holes
    return holes


def _holes_in(content):
    placeholder = CSRF_PLACEHOLDER.encode()
    found, at = [], content.find(placeholder)
    while at != -1:
        found.append(at)
        at = content.find(placeholder, at + len(placeholder))
    return tuple(found)
