"""Mirrored versions kept in the worker until Redis says they changed.

A cached page is served only while the versions of what it shows are
unchanged (`state.versions`). Reading them from Redis on every hit is a round
trip that costs more than the rest of the hit. Redis can instead tell a
client when a key it has read changes: server-assisted client-side caching
(RESP3 and `CLIENT TRACKING`, Redis 6 and later).

Each worker keeps one such connection. A value read through it is kept in
the worker until Redis pushes an invalidation for its key, the key's time to
live runs out, or the connection is lost or replaced (everything kept is then
dropped, since invalidations may have been missed). Before every read the
connection is polled for pushes without waiting. Redis queues the push while
it runs the write, before it answers the writer, and sends it in the same
turn of its event loop, just after the reply: so the next request after a
write, on any server, sees it (only a read made in the writer's own process
within microseconds of the reply can come first: tests that write through
another client wait 10 ms). Keys this worker deletes itself are dropped at
once (`forget`).

redis-py has this built in (`cache_config`), but only for Redis 7.4 and
later, and Debian 12 ships 7.0. This uses redis-py's own connection, RESP3
parser and invalidation handler, as its cache does.
"""

import math
import os
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.redis import RedisSerializer
from django.core.signals import setting_changed
from django.dispatch import receiver

_SERIALIZER = RedisSerializer()
# Kept values per worker (a page shows a few dozen things; a talk page each
# of its talk, tags and speakers): past this, all are dropped and read again.
MAX_KEPT = 50_000
_lock = threading.Lock()
_reader = None


class TrackedValues:
    """Values of Redis keys read once and kept until Redis invalidates them."""

    def __init__(self, url, options):
        import redis

        kwargs = {
            name: options[name]
            for name in ("socket_timeout", "socket_connect_timeout")
            if name in options
        }
        pool = redis.ConnectionPool.from_url(url, protocol=3, **kwargs)
        self.connection = pool.make_connection()
        self.connection.register_connect_callback(self._on_connect)
        self.values = {}  # raw key (bytes) -> (value or None, monotonic deadline)
        self.dropped = set()  # keys invalidated while a read was under way

    def _on_connect(self, connection):
        # A new connection tracks nothing yet: what was kept may have changed.
        self.values.clear()
        connection.send_command("CLIENT", "TRACKING", "ON")
        connection.read_response()
        connection._parser.set_invalidation_push_handler(self._on_invalidation)

    def _on_invalidation(self, message):
        keys = message[1]
        if keys is None:  # FLUSHDB / FLUSHALL
            self.values.clear()
            self.dropped.add(None)
            return
        for key in keys:
            self.values.pop(key, None)
        self.dropped.update(keys)

    def _poll(self):
        """Apply the invalidations Redis has sent, without waiting."""
        connection = self.connection
        while connection.can_read(timeout=0):
            connection.read_response(push_request=True)

    def get_many(self, keys):
        """{key: raw value} of the raw `keys` that exist in Redis."""
        from redis.exceptions import ConnectionError as Lost

        try:
            return self._with_reset(keys)
        except Lost:
            # Closed under us (a restart, an idle timeout): once more, on a
            # new connection. A timeout is not retried: it already cost 100 ms.
            return self._with_reset(keys)

    def _with_reset(self, keys):
        try:
            return self._get_many(keys)
        except BaseException:
            # Whatever was under way may have left replies unread.
            self.values.clear()
            self.connection.disconnect()
            raise

    def _get_many(self, keys):
        self._poll()
        now = time.monotonic()
        values = self.values
        missing = [key for key in keys if key not in values or values[key][1] <= now]
        if missing:
            self._read(missing, now)
        found = {}
        for key in keys:
            kept = values.get(key)
            if kept is not None and kept[0] is not None:
                found[key] = kept[0]
        return found

    def _read(self, keys, now):
        connection = self.connection
        commands = []
        for key in keys:
            commands += [("GET", key), ("PTTL", key)]
        self.dropped = set()
        if len(self.values) + len(keys) > MAX_KEPT:
            self.values.clear()  # bounded: read again what is asked for next
        connection.send_packed_command(connection.pack_commands(commands))
        replies = [connection.read_response() for _ in commands]
        if None in self.dropped:
            return  # flushed while reading: keep nothing
        for index, key in enumerate(keys):
            if key in self.dropped:
                continue  # changed after it was read
            value, ttl = replies[2 * index], replies[2 * index + 1]
            deadline = now + ttl / 1000 if ttl >= 0 else math.inf
            self.values[key] = (value, deadline)

    def forget(self, keys):
        for key in keys:
            self.values.pop(key, None)

    def close(self):
        self.values.clear()
        self.connection.disconnect()


_RAW = {}
_RAW_MAX = 10_000


def _raw(keys):
    """Redis's names of these cache keys (as the cache names them: prefix,
    version), remembered: a page's few names are asked for on every hit."""
    found = []
    for key in keys:
        raw = _RAW.get(key)
        if raw is None:
            if len(_RAW) >= _RAW_MAX:
                _RAW.clear()
            raw = _RAW[key] = cache.make_key(key).encode()
        found.append(raw)
    return found


def _current():
    """This process's reader for the configured Redis (made on first use,
    again after a fork or a change of settings)."""
    global _reader
    config = settings.CACHES["default"]
    url = config["LOCATION"]
    if isinstance(url, list | tuple):
        url = url[0]
    url = url.split(",")[0]  # the primary, which every write reaches
    if _reader is None or _reader[0] != (os.getpid(), url):
        _reader = ((os.getpid(), url), TrackedValues(url, config.get("OPTIONS", {})))
    return _reader[1]


def get_many(keys):
    """As `cache.get_many(keys)`, from values kept in this worker while Redis
    has not said they changed. Raises what redis-py raises."""
    raw = dict(zip(_raw(keys), keys, strict=True))
    with _lock:
        found = _current().get_many(list(raw))
    return {raw[key]: _SERIALIZER.loads(value) for key, value in found.items()}


def forget(keys):
    """Drop `keys` from this worker's copies (this worker just deleted them)."""
    with _lock:
        if _reader is not None:
            _reader[1].forget(_raw(keys))


@receiver(setting_changed)
def _settings_changed(setting, **kwargs):
    global _reader
    if setting == "CACHES":
        _RAW.clear()
        with _lock:
            if _reader is not None:
                _reader[1].close()
            _reader = None
