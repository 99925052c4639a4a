"""Recording searches for editors, so the figures mean something.

Only a person's first look at a new query counts: page 1, no filters (a filter
click is the same search refined), no prefetch, no crawler. Nothing about the
person is kept: not the address, not the session, not the browser.

So that one client cannot write the insights (issue 14):

- a query counts at most once per reader per day. The reader is a keyed hash
  (HMAC with the secret key) of their household address (`client_address`)
  and the day, held only in the cache until the day ends: no table ever
  holds it, and without the key it cannot be turned back into an address;
- one reader adds at most SEARCH_LOG_READER_DAY queries a day;
- the whole site adds at most SEARCH_LOG_PER_MINUTE rows a minute.

When the cache or the database cannot answer, the search is not recorded
(the page is served as always): the figures stay honest rather than complete.
"""

import hashlib
import hmac
import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction

from ..client_address import client_address, household
from .models import SearchLog

logger = logging.getLogger(__name__)

DAY = 86_400

_ROBOT = re.compile(
    r"bot|crawl|spider|slurp|archiver|fetch|preview|monitor|headless|"
    r"curl|wget|python-|httpclient|java/|go-http|okhttp|scrapy",
    re.IGNORECASE,
)


def is_robot(request):
    agent = request.headers.get("User-Agent", "")
    return not agent or bool(_ROBOT.search(agent))


def is_prefetch(request):
    purpose = request.headers.get("Sec-Purpose", "") or request.headers.get(
        "Purpose", ""
    )
    return "prefetch" in purpose or "prerender" in purpose


def should_record(request, page_number, filtered):
    return (
        request.method == "GET"
        and page_number == 1
        and not filtered
        and not is_robot(request)
        and not is_prefetch(request)
    )


def _limit(name, default):
    return getattr(settings, name, default)


def _reader(request, day):
    """The reader for today, as a keyed hash nobody can turn back."""
    address = household(client_address(request)) or "-"
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{day}|{address}".encode(), hashlib.sha256).hexdigest()[:32]


def _counted(request, folded_query, now=None):
    """Whether this search may add a row: first time today for this reader,
    under the reader's and the site's caps. Uses the cache only."""
    now = now or time.time()
    day = int(now // DAY)
    reader = _reader(request, day)
    ttl = DAY - int(now % DAY) + 60
    query = hashlib.sha256(folded_query.encode()).hexdigest()[:16]
    if not cache.add(f"searchlog:{reader}:{query}", 1, ttl):
        return False  # already counted today
    readers = f"searchlog:{reader}:n"
    cache.add(readers, 0, ttl)
    if cache.incr(readers) > _limit("SEARCH_LOG_READER_DAY", 30):
        return False
    minute = f"searchlog:minute:{int(now // 60)}"
    cache.add(minute, 0, 120)
    return cache.incr(minute) <= _limit("SEARCH_LOG_PER_MINUTE", 60)


def record_search(
    request, folded_query, result_count, page_number, filtered, typed=None
):
    """Called on every serve of a results page (see pagecache.pages.on_every_serve).

    `typed` is the query as the reader wrote it (spaces made single): the
    insights show the form readers use most for each folded query."""
    if not folded_query or not should_record(request, page_number, filtered):
        return
    try:
        counted = _counted(request, folded_query)
    except Exception:  # noqa: BLE001 - a cache fault must not fail the page
        logger.warning("search insights: cache unavailable, search not counted")
        return
    if not counted:
        return
    try:
        with transaction.atomic():  # a failure leaves any outer block usable
            SearchLog.objects.create(
                query=folded_query[:200],
                typed=(typed or folded_query)[:200],
                result_count=result_count,
            )
    except DatabaseError:
        # A page served from the cache while the database is down.
        logger.warning("search insights: database unavailable, search not counted")
