"""A per-address limit on what the public may post (votes, answers).

A fixed window counted in the default cache (local memory, or the shared Redis
of CACHE_URL when several app servers run). The address is only ever kept as a
keyed hash, and only for one window.
"""

import ipaddress
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac


def client_address(request):
    """The reader's address: REMOTE_ADDR, or the trusted proxy's header.

    Behind a proxy, CLIENT_IP_HEADER names the header it sets; the last address
    in it is the one the proxy saw (earlier ones are the client's own claims).
    An IPv6 reader is counted by their /64, the block one household gets.
    """
    value = ""
    if settings.CLIENT_IP_HEADER:
        value = request.META.get(settings.CLIENT_IP_HEADER, "").split(",")[-1]
    value = value.strip() or request.META.get("REMOTE_ADDR", "")
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return value
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def hit(scope, request, limit=None, window=None, now=None):
    """Count one post from this address; seconds to wait when over the limit.

    Returns None while the address is within `limit` posts in the current
    `window` (settings RATING_RATE_LIMIT and RATING_RATE_WINDOW by default).
    """
    limit = settings.RATING_RATE_LIMIT if limit is None else limit
    window = settings.RATING_RATE_WINDOW if window is None else window
    now = time.time() if now is None else now
    period = int(now // window)
    address = salted_hmac("summaries.ratelimit", client_address(request))
    key = f"ratelimit:{scope}:{address.hexdigest()[:32]}:{period}"
    # incr() is atomic in the local-memory and Redis backends: no lost counts.
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between the two calls
        cache.set(key, 1, timeout=window + 1)
        count = 1
    if count <= limit:
        return None
    return max(1, math.ceil((period + 1) * window - now))
