"""The shared cache (Redis), used so that a slow or lost Redis costs nothing.

Every read and write of the page cache goes through `get`, `get_many`,
`set`, `set_many` and `delete_many` here. Redis is given about 100 ms to
answer (settings: `socket_connect_timeout`, `socket_timeout`); when it does
not, the call answers as a miss, the pages are rendered, and the cache is left
alone for `PAUSE` seconds, so a dead Redis costs one timeout every few
seconds per worker, not one per request. One log line a minute says so, and
one line when it answers again. `/healthz` reads `state()`.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache

from . import tracked

log = logging.getLogger("govdx.cache")

PAUSE = 5.0  # seconds the cache is left alone after a failure
LOG_EVERY = 60.0  # at most one "does not answer" line per this many seconds

_lock = threading.Lock()
_down_since = None
_retry_at = 0.0
_logged_at = None


def shared():
    """Is the default cache shared by every app server (Redis)?"""
    return "redis" in settings.CACHES["default"]["BACKEND"].lower()


def _errors():
    errors = [OSError]
    try:
        from redis.exceptions import RedisError
    except ImportError:  # pragma: no cover (redis is a dependency)
        pass
    else:
        errors.append(RedisError)
    return tuple(errors)


_ERRORS = _errors()


def _failed(error):
    global _down_since, _retry_at, _logged_at
    now = time.monotonic()
    with _lock:
        if _down_since is None:
            _down_since = now
        _retry_at = now + PAUSE
        if _logged_at is not None and now - _logged_at < LOG_EVERY:
            return
        _logged_at = now
    log.warning(
        "The cache does not answer (%s): pages are rendered, votes and limits "
        "use the database. Next line in a minute if it still does not.",
        type(error).__name__,
    )


def _answered():
    global _down_since, _logged_at
    if _down_since is None:
        return
    with _lock:
        if _down_since is None:
            return
        seconds = time.monotonic() - _down_since
        _down_since = None
        _logged_at = None
    log.warning("The cache answers again after %.0f s.", seconds)


def available():
    """False while the cache is being left alone after a failure."""
    return time.monotonic() >= _retry_at


def _call(function, *args, default=None):
    """`function(*args)` on the cache, or `default` when it fails or is
    being left alone."""
    if not available():
        return default
    try:
        result = function(*args)
    except _ERRORS as error:
        _failed(error)
        return default
    _answered()
    return result


def get(key):
    return _call(cache.get, key)


def get_many(keys):
    return _call(cache.get_many, keys, default={})


def get_tracked(keys):
    """As `get_many`, from values this worker keeps until Redis says they
    changed (tracked.py): a hit reads nothing from Redis."""
    return _call(tracked.get_many, keys, default={})


def set(key, value, timeout):  # noqa: A001 (mirrors the cache API)
    _call(cache.set, key, value, timeout)


def set_many(values, timeout):
    _call(cache.set_many, values, timeout)


def add(key, value, timeout):
    return _call(cache.add, key, value, timeout, default=False)


def delete_many(keys):
    tracked.forget(keys)
    _call(cache.delete_many, keys)


def state():
    """For /healthz: "ok", "error", or "local" (a per-process cache, no server)."""
    if not shared():
        return "local"
    if not available():
        return "error"
    try:
        cache.get("healthz:probe")
    except _ERRORS as error:
        _failed(error)
        return "error"
    _answered()
    return "ok"


def reset():
    """Forget past failures (tests)."""
    global _down_since, _retry_at, _logged_at
    with _lock:
        _down_since, _retry_at, _logged_at = None, 0.0, None
