"""Rendering cost against the corpus: pages rendered with the page cache empty.

    python -m tests.bench bench_render          (or `make bench`)

For each database (SQLite in a fresh file; PostgreSQL too when DATABASE_URL
names one: a fresh database `render_bench` beside it, dropped after), the
home, list, talk, tag and speaker pages are rendered with the whole-page
cache off (`BENCH_PAGE_CACHE=off`: a dummy cache) at 1,000 generated talks,
then again once the corpus has grown to 100,000; the same talk, tag and
speaker each time (on PostgreSQL after a CHECKPOINT, once generation's
writes are out). Goal (issue 13): at most 1.5× the time at 1,000.

Then, at the large size, gunicorn (2 workers) serves the uncached talk and
list pages under wrk, alternating with the floor: the same number of bytes
from a bare view with no middleware at all, in the same gunicorn
(tests/bench/wsgi.py). Goal: at least 0.05 of the floor's requests/s.

Environment: BENCH_RENDER_SIZES ("1000,100000"), BENCH_RENDER_REQUESTS (15
renders per page and size; the figure is the median, the minimum beside it),
BENCH_SECONDS (3) and BENCH_ROUNDS (3) per wrk run, BENCH_PORT (gunicorn's
port; a free one when unset), BENCH_KEEP=1 keeps the temporary folder.
"""

import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import ROOT, report, setup_django
from .server import fetch, gunicorn, wrk

SIZES = [int(n) for n in os.environ.get("BENCH_RENDER_SIZES", "1000,100000").split(",")]
REQUESTS = int(os.environ.get("BENCH_RENDER_REQUESTS", 15))
SECONDS = int(os.environ.get("BENCH_SECONDS", 3))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 3))
GROWTH_GOAL = 1.5
FLOOR_GOAL = 0.05
PAGES = ("home", "list", "talk", "tag", "speaker")


def progress(message):
    print(f"  {message}", file=sys.stderr, flush=True)


def grow_to(size, have, seed):
    """Generated talks up to `size` (a new seed for each batch)."""
    from django.core.management import call_command

    started = time.monotonic()
    call_command("generate_talks", count=size - have, seed=seed, verbosity=0)
    took = time.monotonic() - started
    progress(f"{size - have:,} talks generated in {took:.0f} s")
    return took


def settle():
    """After a bulk write, let PostgreSQL write out what it holds (CHECKPOINT)
    before pages are timed: otherwise the pages measured first share the
    machine with the server flushing a quarter of a gigabyte."""
    from django.db import DatabaseError, connection

    if connection.vendor != "postgresql":
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("CHECKPOINT")
    except DatabaseError as error:  # not a superuser (nor pg_checkpoint)
        progress(f"CHECKPOINT refused ({error}); measuring anyway")


def page_urls():
    from django.urls import reverse

    from summaries.models import Speaker, Tag, Talk

    talk = Talk.objects.published().filter(is_generated=True).order_by("pk").first()
    tag = Tag.objects.filter(tagged_talks__content_object=talk).order_by("pk").first()
    speaker = Speaker.objects.filter(talk_roles__talk=talk).order_by("pk").first()
    return {
        "home": reverse("summaries:home"),
        "list": reverse("summaries:talk-list"),
        "talk": talk.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "speaker": speaker.get_absolute_url(),
    }


def render_times(urls):
    """{page: (median ms, min ms)} of REQUESTS renders each, page cache off."""
    from django.test import Client

    client = Client()
    times = {}
    for name, url in urls.items():
        assert client.get(url).status_code == 200, url  # warm: templates, URLs
        runs = []
        for _ in range(REQUESTS):
            started = time.perf_counter()
            response = client.get(url)
            runs.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, url
        times[name] = (statistics.median(runs), min(runs))
    return times


def against_floor(database, urls, folder):
    """wrk on the uncached talk and list pages, alternating with the floor."""
    env = {**os.environ, "BENCH_PAGE_CACHE": "off"}
    log = folder / f"gunicorn-{database}.log"
    with gunicorn(env, workers=2, log_path=log, app="tests.bench.wsgi") as (base, _):
        for name in ("talk", "list"):
            status, _headers, body = fetch(base + urls[name])
            floor = f"/__bench__/floor/{len(body)}/"
            assert status == 200 and fetch(base + floor)[0] == 200
            runs = {"page": [], "floor": []}
            for _round in range(ROUNDS):
                for kind, target in (("page", urls[name]), ("floor", floor)):
                    runs[kind].append(wrk(base + target, SECONDS))
            page = sum(r["rps"] for r in runs["page"]) / ROUNDS
            bare = sum(r["rps"] for r in runs["floor"]) / ROUNDS
            errors = sum(r["errors"] for r in runs["page"] + runs["floor"])
            report(
                f"uncached vs no-middleware floor ({database})",
                f"{name} at {SIZES[-1]:,} talks ({len(body) // 1024} KB)",
                f"{page / bare:.3f} ({page:.0f} / {bare:.0f} req/s)",
                goal=f"≥ {FLOOR_GOAL}",
                ok=page / bare >= FLOOR_GOAL and errors == 0,
            )


def run(database):
    folder = Path(os.environ["BENCH_FOLDER"])
    logging.getLogger("govdx.request").setLevel(logging.WARNING)
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    have, measured, urls = 0, {}, None
    for seed, size in enumerate(SIZES, 1):
        took = grow_to(size, have, seed)
        settle()
        have = size
        urls = urls or page_urls()
        if size == SIZES[-1] and size >= 100_000:
            report(
                "generate_talks",
                f"{size - SIZES[0]:,} talks ({database})",
                f"{took / 60:.1f} min",
                goal="< 10 min (100,000)",
                ok=took < 600 * (size - SIZES[0]) / 100_000,
            )
        measured[size] = render_times(urls)
        progress(
            f"{size:,} talks: "
            + ", ".join(f"{p} {measured[size][p][0]:.1f} ms" for p in PAGES)
        )
    small, large = SIZES[0], SIZES[-1]
    for page in PAGES:
        (before, before_min), (after, after_min) = (
            measured[small][page],
            measured[large][page],
        )
        ratio = after / before
        report(
            f"render, page cache empty ({database})",
            f"{page}: {small:,} → {large:,} talks"
            f" (min {before_min:.1f} → {after_min:.1f})",
            f"{before:.1f} → {after:.1f} ms (×{ratio:.2f})",
            goal=f"≤ {GROWTH_GOAL}×",
            ok=ratio <= GROWTH_GOAL,
        )
    against_floor(database, urls, folder)


def fresh_postgres(url, name="render_bench"):
    import psycopg

    base = url.rsplit("/", 1)[0]
    admin = psycopg.connect(base + "/postgres", autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{name}"')

    def drop():
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    return f"{base}/{name}", drop


def main():
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.bench.settings"
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["BENCH_PAGE_CACHE"] = "off"
    if "--database" in sys.argv:
        database, url = sys.argv[-2:]
        setup_django(url)
        run(database)
        return
    folder = Path(tempfile.mkdtemp(prefix="govdx-bench-render-"))
    os.environ["BENCH_FOLDER"] = str(folder)
    os.environ["BENCH_STATIC_ROOT"] = str(folder / "static")
    given = os.environ.get("DATABASE_URL", "")
    runs = [("SQLite", f"sqlite:///{folder}/render.sqlite3", None)]
    if given.startswith(("postgres://", "postgresql://")):
        runs.append(("PostgreSQL", *fresh_postgres(given)))
    try:
        for database, url, _drop in runs:
            command = [sys.executable, "-m", "tests.bench.bench_render"]
            subprocess.run(
                [*command, "--database", database, url], cwd=ROOT, check=True
            )
    finally:
        for _database, _url, drop in runs:
            if drop:
                drop()
        if os.environ.get("BENCH_KEEP"):
            progress(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
