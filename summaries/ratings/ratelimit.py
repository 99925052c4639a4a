"""A per-address limit on what the public may post (votes, answers).

A fixed window counted in the default cache (local memory, or the shared Redis
of CACHE_URL when several app servers run). The address (`client_address`, by
household) is only ever kept as a keyed hash, and only for one window.
"""

import math
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from ..client_address import client_address, household


def hit(scope, request, limit=None, window=None, now=None):
    """Count one post from this address; seconds to wait when over the limit.

    Returns None while the address is within `limit` posts in the current
    `window` (settings RATING_RATE_LIMIT and RATING_RATE_WINDOW by default).
    """
    limit = settings.RATING_RATE_LIMIT if limit is None else limit
    window = settings.RATING_RATE_WINDOW if window is None else window
    now = time.time() if now is None else now
    period = int(now // window)
    address = salted_hmac("summaries.ratelimit", household(client_address(request)))
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
