"""Readers' votes: throughput through a real server, and what votes cost lists.

1. 200 readers vote at once, then 100 of them change their vote, against
   gunicorn (2 workers x 8 threads) on the benchmark's database: votes per
   second, latency, and whether every vote is in the table.
2. The talk list (20 cards) rendered in-process with 1,000 talks, before and
   after 100,000 votes: the rating sums are subqueries, so the page should
   cost the same number of queries and about the same time.

`DATABASE_URL=postgres://… python -m tests.bench bench_ratings` runs it on
PostgreSQL (in a fresh database beside the one named); SQLite by default.
"""

import os
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

from . import report, setup_django

SECTION = "ratings"


def vote_through_the_server(database_url, folder):
    from tests.live_server import LiveSite, Reader

    site = LiveSite(database_url, folder)
    site.manage("loaddata", "talks", "-v0")
    path = "/talks/" + quote("tokyo-dx-miyasaka-2024") + "/"
    with site.serving(workers=2, threads=8):
        readers = [Reader(site.url) for _ in range(200)]
        for reader in readers:
            reader.get(path)
        rounds = [(readers, 4), (readers[:100], 2)]
        latencies, statuses, started = [], [], time.perf_counter()
        for group, score in rounds:
            barrier = threading.Barrier(len(group))

            def run(reader, score=score, barrier=barrier):
                barrier.wait()
                began = time.perf_counter()
                status, _ = reader.post(path + "rate/", {"score": score})
                return status, time.perf_counter() - began

            with ThreadPoolExecutor(max_workers=len(group)) as pool:
                for status, took in pool.map(run, group):
                    statuses.append(status)
                    latencies.append(took)
        elapsed = time.perf_counter() - started
        stored = site.python(
            "from summaries.ratings.models import Rating; "
            "print(Rating.objects.count(), sum(Rating.objects.values_list("
            "'score', flat=True)))"
        )
    errors = sum(status != 200 for status in statuses)
    report(SECTION, "votes through gunicorn (300 posts)", round(300 / elapsed), "/s")
    p95 = statistics.quantiles(latencies, n=20)[-1]
    report(SECTION, "vote latency p95, 200 at once", round(p95 * 1000), "ms")
    report(SECTION, "failed votes (non-200)", errors, "", "0", errors == 0)
    report(
        SECTION,
        "rows and score sum stored",
        stored,
        "",
        "200 600",
        stored == "200 600",
    )


def list_page_cost():
    import datetime as dt

    from django.core.cache import cache
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from summaries.models import Channel, Talk
    from summaries.ratings.models import Rating
    from summaries.ratings.voting import refresh_totals

    channel = Channel.objects.create(name="ベンチ")
    now = timezone.now()
    Talk.objects.bulk_create(
        Talk(
            title=f"講演 {n}",
            slug=f"bench-{n}",
            channel=channel,
            video_date=dt.date(2024, 1, 1),
            duration_seconds=600,
            tldr="要約。",
            status=Talk.Status.PUBLISHED,
            published_at=now - dt.timedelta(minutes=n + 1),
        )
        for n in range(1000)
    )
    client = Client()
    # As in the tests: static files from the apps, no collectstatic manifest.
    storage = "django.contrib.staticfiles.storage.StaticFilesStorage"
    override = override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": storage},
        }
    )
    override.enable()

    def measure():
        # The page rendered each time: the page cache would otherwise answer
        # (and the votes below are bulk-written, so it would not even know).
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get("/talks/")
        # Counted now: every request empties the connection's query log.
        query_count = len(queries)
        times = []
        for _ in range(15):
            cache.clear()
            began = time.perf_counter()
            assert client.get("/talks/").status_code == 200
            times.append(time.perf_counter() - began)
        return query_count, statistics.median(times) * 1000

    before_queries, before_ms = measure()
    talk_ids = list(Talk.objects.values_list("pk", flat=True))
    Rating.objects.bulk_create(
        (
            Rating(talk_id=pk, voter=f"{pk}-{n}", score=n % 5 + 1)
            for pk in talk_ids
            for n in range(100)
        ),
        batch_size=5000,
    )
    refresh_totals()
    after_queries, after_ms = measure()
    report(
        SECTION,
        "/talks/ queries, 0 → 100,000 votes",
        f"{before_queries} → {after_queries}",
        "",
        "same",
        before_queries == after_queries,
    )
    report(SECTION, "/talks/ median, no votes", round(before_ms, 1), "ms")
    report(
        SECTION,
        "/talks/ median, 100 votes × 1,000 talks",
        round(after_ms, 1),
        "ms",
        "< no votes + 50 ms",
        after_ms < before_ms + 50,
    )


def main():
    folder = tempfile.mkdtemp(prefix="ratings-bench-")
    requested = os.environ.get("DATABASE_URL", "")
    if requested.startswith(("postgres://", "postgresql://")):
        from tests.live_server import fresh_database

        with fresh_database(folder) as database_url:
            database_url = setup_django(database_url)
            vote_through_the_server(database_url, folder)
            list_page_cost()
            from django.db import connections

            connections.close_all()
    else:
        database_url = setup_django()
        vote_through_the_server(database_url, folder)
        list_page_cost()


if __name__ == "__main__":
    main()
