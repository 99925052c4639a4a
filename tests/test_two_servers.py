"""Two app servers on one PostgreSQL and one Redis, as production runs them.

Shows three things: a write through one server appears on the very next
request through the other; votes sent to both are counted exactly; and the
limit on posts is shared between them. PostgreSQL only (SQLite is one file on
one machine): skipped, with the reason, when DATABASE_URL is not PostgreSQL.
"""

import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pytest

from tests.live_server import LiveSite, Reader, fresh_database
from tests.redis_server import RedisServer

POSTGRES = os.environ.get("DATABASE_URL", "").startswith(
    ("postgres://", "postgresql://")
)
pytestmark = pytest.mark.skipif(
    not POSTGRES,
    reason="two app servers share a PostgreSQL database: set DATABASE_URL to one",
)

SEED = "/talks/" + quote("tokyo-dx-miyasaka-2024") + "/"
LIMIT = 60
VOTERS = 40


@pytest.fixture
def servers(tmp_path):
    redis = RedisServer().start()
    try:
        with fresh_database(tmp_path, label="cache_two") as database_url:
            first = LiveSite(database_url, tmp_path / "a")
            second = LiveSite(database_url, tmp_path / "b")
            for site in (first, second):
                site.folder.mkdir()
                site.env.update(
                    CACHE_URL=redis.url,
                    RATING_RATE_LIMIT=str(LIMIT),
                    RATING_RATE_WINDOW="3600",
                )
            first.manage("migrate", "--no-input", "-v0")
            first.manage("loaddata", "talks", "-v0")
            base = redis.port  # ports of this test's own range, beside Redis's
            with first.serving(workers=2, threads=4, port=base + 1):
                with second.serving(workers=2, threads=4, port=base + 2):
                    yield first, second
    finally:
        redis.stop()


def figure(page):
    return page.split("data-rating-figure>")[1].split("<")[0]


def test_two_servers_share_writes_votes_and_the_limit(servers):
    first, second = servers
    # Both have the page in the shared cache.
    for _ in range(2):
        assert "まだ評価はありません" in Reader(first.url).get(SEED)
        assert "まだ評価はありません" in Reader(second.url).get(SEED)

    # A vote through the first appears on the next request through the second.
    reader = Reader(first.url)
    reader.get(SEED)
    status, _ = reader.post(SEED + "rate/", {"score": 5})
    assert status == 200
    assert figure(Reader(second.url).get(SEED)) == "5.0（1件）"

    # An editor's save (here from a third process) shows on both at once.
    first.python(
        "from summaries.models import Talk; "
        "t = Talk.objects.get(slug='tokyo-dx-miyasaka-2024'); "
        "t.tldr = '二台のサーバーで確かめた要約'; t.save()"
    )
    assert "二台のサーバーで確かめた要約" in Reader(first.url).get(SEED)
    assert "二台のサーバーで確かめた要約" in Reader(second.url).get(SEED)

    # Votes sent to both at once: every one counted, exactly.
    readers = [Reader((first, second)[n % 2].url) for n in range(VOTERS)]
    for one in readers:
        one.get(SEED)
    barrier = threading.Barrier(VOTERS)

    def cast(item):
        n, one = item
        barrier.wait(timeout=60)
        return one.post(SEED + "rate/", {"score": n % 5 + 1})

    with ThreadPoolExecutor(max_workers=VOTERS) as pool:
        results = list(pool.map(cast, enumerate(readers)))
    assert [status for status, _ in results] == [200] * VOTERS
    count = json.loads(
        first.python(
            "from summaries.ratings.models import Rating, RatingTotal; "
            "import json; t = RatingTotal.objects.get(); "
            "print(json.dumps([Rating.objects.count(), t.count, t.total]))"
        )
    )
    total = 5 + sum(n % 5 + 1 for n in range(VOTERS))
    assert count == [VOTERS + 1, VOTERS + 1, total]
    shown = figure(Reader(second.url).get(SEED))
    assert shown.endswith(f"（{VOTERS + 1}件）")
    assert figure(Reader(first.url).get(SEED)) == shown

    # The limit (60 posts an hour from one address) is shared: 41 posts went
    # in; of 30 more, sent to both servers in turn, exactly 19 pass.
    statuses = []
    for n in range(30):
        one = Reader((first, second)[n % 2].url)
        one.get(SEED)
        statuses.append(one.post(SEED + "rate/", {"score": 3})[0])
    assert statuses.count(200) == LIMIT - VOTERS - 1
    assert statuses.count(429) == 30 - (LIMIT - VOTERS - 1)
