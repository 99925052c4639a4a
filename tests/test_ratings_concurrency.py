"""100 readers voting at once against a real server: every vote recorded, exactly.

Runs on the suite's database (SQLite, or PostgreSQL with DATABASE_URL), so CI's
two runs prove it on both. The server is gunicorn with two worker processes of
eight threads each, so votes really do collide in the database.
"""

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pytest

from tests.live_server import LiveSite, Reader, fresh_database

READERS = 100
SEED = "/talks/" + quote("tokyo-dx-miyasaka-2024") + "/"


@pytest.fixture
def site(tmp_path):
    with fresh_database(tmp_path) as database_url:
        site = LiveSite(database_url, tmp_path)
        site.manage("migrate", "--no-input", "-v0")
        site.manage("loaddata", "talks", "-v0")
        with site.serving(workers=2, threads=8):
            yield site


def all_at_once(readers, act):
    """Every reader acts at the same moment (after a barrier); their results."""
    barrier = threading.Barrier(len(readers))

    def run(item):
        index, reader = item
        barrier.wait(timeout=60)
        return act(index, reader)

    with ThreadPoolExecutor(max_workers=len(readers)) as pool:
        return list(pool.map(run, enumerate(readers)))


def stored_votes(site):
    return json.loads(
        site.python(
            "import json; from summaries.ratings.models import Rating; "
            "print(json.dumps([Rating.objects.count(), "
            "Rating.objects.values('voter').distinct().count(), "
            "sorted(Rating.objects.values_list('score', flat=True))]))"
        )
    )


def test_a_hundred_readers_voting_at_once_are_all_recorded(site):
    readers = [Reader(site.url) for _ in range(READERS)]
    for reader in readers:
        reader.get(SEED)

    # Everyone votes at once: 20 readers for each score, 300 points in all.
    first = all_at_once(
        readers,
        lambda i, reader: reader.post(SEED + "rate/", {"score": i % 5 + 1}),
    )
    assert [status for status, _ in first] == [200] * READERS, first
    counts = [json.loads(body)["count"] for _, body in first]
    assert max(counts) == READERS  # the last vote in saw every other one

    # A third change their minds at once, to 5: still one row each.
    changers = readers[:30]
    second = all_at_once(
        changers, lambda i, reader: reader.post(SEED + "rate/", {"score": 5})
    )
    assert [status for status, _ in second] == [200] * len(changers), second

    count, voters, scores = stored_votes(site)
    assert (count, voters) == (READERS, READERS)
    expected = [5] * 30 + [i % 5 + 1 for i in range(30, READERS)]
    assert scores == sorted(expected)
    assert sum(scores) == 360

    page = Reader(site.url).get(SEED)
    assert "data-rating-figure>3.6（100件）<" in page

    if site.database_url.startswith("sqlite"):
        import sqlite3

        path = site.database_url.removeprefix("sqlite:///")
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
