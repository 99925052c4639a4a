"""ETag and Last-Modified from the data, so a client that has it gets a 304.

The validators are computed with one aggregate query before any talk is
fetched: an unchanged answer costs that query and nothing else.
"""

import hashlib

from django.db.models import Count, Max, Sum
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from ..pagecache import store
from ..pagecache.state import content_state
from .schemas import API_VERSION

# Readers may reuse an answer for a minute, then must ask again (cheaply, with
# If-None-Match). Open data changes when editors publish, not by the second.
CACHE_CONTROL = "public, max-age=60"


class Validators:
    """The ETag and Last-Modified of an answer drawn from some talks."""

    def __init__(self, *parts, last_modified=None):
        digest = hashlib.sha256(
            "|".join(str(part) for part in (API_VERSION, *parts)).encode()
        ).hexdigest()[:32]
        self.etag = f'"{digest}"'
        self.last_modified = last_modified

    @classmethod
    def for_talks(cls, queryset, *extra):
        """From the set of talks concerned: how many, which, and when they changed.

        The sum of ids changes when one talk leaves the set and another joins,
        which a count alone would miss.
        """
        stats = queryset.order_by().aggregate(
            count=Count("pk"),
            ids=Sum("pk"),
            updated=Max("updated_at"),
            published=Max("published_at"),
        )
        times = [stats["updated"], stats["published"]]
        last = max((t for t in times if t), default=None)
        return cls(
            stats["count"],
            stats["ids"],
            *(t and t.isoformat() for t in times),
            *extra,
            last_modified=last,
        ), stats["count"]

    @classmethod
    def for_talks_cached(cls, request, queryset, *extra):
        """for_talks(), kept until the content changes: the page cache's state
        check (one indexed query) replaces an aggregate over every talk."""
        state = (content_state(), request.get_full_path(), extra)
        key = "api-validators:" + hashlib.sha256(repr(state).encode()).hexdigest()
        found = store.get(key)
        if found is None:
            found = cls.for_talks(queryset, *extra)
            store.set(key, found, 60 * 60)
        return found

    @classmethod
    def for_talk(cls, talk_stamp, *extra):
        """One talk, from its slug, updated_at and published_at."""
        slug, updated, published = talk_stamp
        return cls(
            slug,
            updated.isoformat(),
            published.isoformat(),
            *extra,
            last_modified=max(updated, published),
        )

    def not_modified(self, request):
        """A 304 (or 412) when the client's copy is current, else None."""
        response = get_conditional_response(
            request,
            etag=self.etag,
            last_modified=self.timestamp,
        )
        return response and self.apply(response)

    def cached_body(self, request, build):
        """The answer's body for this ETag and address, built once: the ETag
        changes whenever the talks concerned do, so a stored body is current."""
        address = request.build_absolute_uri()  # bodies hold absolute links
        key = "api:" + hashlib.sha256(f"{self.etag}|{address}".encode()).hexdigest()
        body = store.get(key)
        if body is None:
            body = build()
            store.set(key, body, 60 * 60)
        return body

    def apply(self, response):
        response["ETag"] = self.etag
        if self.last_modified:
            response["Last-Modified"] = http_date(self.timestamp)
        response["Cache-Control"] = CACHE_CONTROL
        return response

    @property
    def timestamp(self):
        return int(self.last_modified.timestamp()) if self.last_modified else None
