"""Django's Redis cache backend, reusing one client per connection pool.

Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` object for
every cache call, and building one registers some 170 response callbacks:
on a page-cache hit that costs more than the Redis round trip itself. A
`redis.Redis` object is thread-safe (each command borrows a connection from
the pool), so one per pool is enough. Selected in settings when CACHE_URL is
set; everything else is Django's.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusingClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)
            client = self._clients.setdefault(index, self._client(connection_pool=pool))
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingClient
