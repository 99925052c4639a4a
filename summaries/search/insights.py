"""Recording searches for editors, so the figures mean something.

Only a person's first look at a new query counts: page 1, no filters (a filter
click is the same search refined), no prefetch, no crawler. Nothing about the
person is kept: not the address, not the session, not the browser.
"""

import re

from .models import SearchLog

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


def record_search(request, folded_query, result_count, page_number, filtered):
    """Called on every serve of a results page (see pagecache.pages.on_every_serve)."""
    if folded_query and should_record(request, page_number, filtered):
        SearchLog.objects.create(query=folded_query[:200], result_count=result_count)
