"""A per-address limit on what the public may post (votes, answers).

A fixed window counted in the database (`counters`): every worker and server
shares the count, and no flood of cached pages can evict it (it was kept in
the cache once: 1,500 GETs of `?flood=N` evicted it and 59 of the next 60
votes passed). The address (`client_address`, by household) is only ever
kept as a keyed hash, and only for one window.
"""

import math
import time

from django.conf import settings

from ..client_address import client_address, household
from . import counters


def hit(scope, request, limit=None, window=None, now=None):
    """Count one post from this address; seconds to wait when over the limit.

    Returns None while the address is within `limit` posts in the current
    `window` (settings RATING_RATE_LIMIT and RATING_RATE_WINDOW by default).
    """
    limit = settings.RATING_RATE_LIMIT if limit is None else limit
    window = settings.RATING_RATE_WINDOW if window is None else window
    now = time.time() if now is None else now
    period = int(now // window)
    count = counters.increment(
        ("ratelimit", scope, household(client_address(request)), window, period),
        counters.at((period + 1) * window + 1),
    )
    if count <= limit:
        return None
    return max(1, math.ceil((period + 1) * window - now))
