"""The page cache under load, with Redis as production runs it.

    python -m tests.bench bench_cache          (or `make bench`)

gunicorn (2 workers) on BENCH_CACHE_TALKS generated talks (2,000) and a
private redis-server, both on ports of the cache's own range (18400-18499).

Rows, each measured side by side in one run:
- cached talk page, list and search as a share of a bare Django view with
  **no middleware** returning a body of the same size from the same gunicorn
  (tests/bench/wsgi.py), alternating page and bare so both see the machine;
- requests/s under a `?utm=N` flood (every request a new query string) next
  to the plain cached list: unknown parameters mint no keys;
- requests/s of a mix of pages with 10 % votes, next to the same mix without
  votes: a vote re-renders only the pages that show it.
"""

import os
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from . import report, setup_django
from .server import fetch, gunicorn, wrk

TALKS = int(os.environ.get("BENCH_CACHE_TALKS", 2_000))
SECONDS = int(os.environ.get("BENCH_SECONDS", 3))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 3))
SECTION = "page cache (Redis)"
CSRF = "b" * 32  # a CSRF secret the benchmark's votes send as cookie and field


def progress(message):
    print(f"  {message}", file=sys.stderr, flush=True)


def urls():
    from summaries.models import Talk

    talks = list(Talk.objects.published().filter(is_generated=True).order_by("pk")[:60])
    return {
        "detail": talks[0].get_absolute_url(),
        "list": "/talks/",
        "search": "/talks/?q=" + quote("デジタル"),
    }, [talk.get_absolute_url() for talk in talks]


def versus_bare(base, pages):
    for name, url in pages.items():
        fetch(base + url)
        status, _, body = fetch(base + url)
        bare = f"/__bench__/floor/{len(body)}/"
        assert status == 200 and fetch(base + bare)[0] == 200, url
        runs = {"page": [], "bare": []}
        for _ in range(ROUNDS):
            for kind, target in (("page", url), ("bare", bare)):
                runs[kind].append(wrk(base + target, SECONDS)["rps"])
        page_rps, bare_rps = sum(runs["page"]) / ROUNDS, sum(runs["bare"]) / ROUNDS
        ratio = page_rps / bare_rps
        progress(f"{name}: {page_rps:.0f} vs {bare_rps:.0f} req/s")
        report(
            SECTION,
            f"cached {name} ({len(body) // 1024} KB) vs bare view, no middleware",
            f"{ratio:.2f} ({page_rps:.0f} / {bare_rps:.0f})",
            goal="≥ 0.6",
            ok=ratio >= 0.6,
        )


def script(folder, name, body):
    path = Path(folder, f"{name}.lua")
    path.write_text(body)
    return path


def flood(base, folder):
    plain = wrk(base + "/talks/", SECONDS)
    flooded = wrk(
        base + "/talks/",
        SECONDS,
        script=script(
            folder,
            "utm",
            "local i = 0\nrequest = function()\n  i = i + 1\n"
            '  return wrk.format("GET", "/talks/?utm=" .. i)\nend\n',
        ),
    )
    report(
        SECTION,
        "/talks/?utm=N flood (each request a new query string)",
        f"{flooded['rps']:.0f} req/s ({plain['rps']:.0f} plain)",
        goal="≈ plain",
        ok=flooded["rps"] >= 0.7 * plain["rps"] and flooded["errors"] == 0,
    )


def mix(base, folder, talk_urls):
    paths = [*talk_urls, "/", "/talks/", "/tags/", "/speakers/", "/feed/"]
    listed = ", ".join(f'"{p}"' for p in paths)
    votes = ", ".join(f'"{p}rate/"' for p in talk_urls[:20])
    common = (
        f"local paths = {{{listed}}}\nlocal votes = {{{votes}}}\nlocal i = 0\n"
        'local headers = {["Cookie"] = "csrftoken=' + CSRF + '", '
        '["Content-Type"] = "application/x-www-form-urlencoded", '
        '["Accept"] = "application/json"}\n'
    )
    with_votes = script(
        folder,
        "votes",
        common + "request = function()\n  i = i + 1\n  if i % 10 == 0 then\n"
        '    return wrk.format("POST", votes[(i / 10) % #votes + 1], headers, '
        f'"score=4&csrfmiddlewaretoken={CSRF}")\n'
        "  end\n"
        '  return wrk.format("GET", paths[i % #paths + 1])\nend\n',
    )
    pages_only = script(
        folder,
        "pages",
        common + "request = function()\n  i = i + 1\n"
        '  return wrk.format("GET", paths[i % #paths + 1])\nend\n',
    )
    wrk(base + "/", SECONDS, script=pages_only)  # everything cached once
    plain = wrk(base + "/", SECONDS * 2, script=pages_only)
    voted = wrk(base + "/", SECONDS * 2, script=with_votes)
    report(
        SECTION,
        "pages with 10 % votes mixed in",
        f"{voted['rps']:.0f} req/s ({plain['rps']:.0f} pages only)",
        goal="errors 0",
        ok=voted["errors"] == 0,
    )


def main():
    from tests.redis_server import RedisServer

    folder = Path(tempfile.mkdtemp(prefix="govdx-bench-cache-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.bench.settings"
    os.environ["BENCH_STATIC_ROOT"] = str(folder / "static")
    os.environ["DJANGO_DEBUG"] = "0"
    database_url = setup_django(f"sqlite:///{folder}/bench.sqlite3")
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    progress(f"generating {TALKS:,} talks")
    call_command("generate_talks", count=TALKS, seed=1, verbosity=0)
    pages, talk_urls = urls()
    redis = RedisServer().start()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CACHE_URL": redis.url,
        "RATING_RATE_LIMIT": "1000000",
        "RATING_NEW_VOTERS_PER_ADDRESS": "1000000",
    }
    try:
        with gunicorn(
            env,
            workers=2,
            log_path=folder / "gunicorn.log",
            app="tests.bench.wsgi:application",
            port=redis.port + 1,
        ) as (base, _):
            versus_bare(base, pages)
            flood(base, folder)
            mix(base, folder, talk_urls)
    finally:
        redis.stop()
        if not os.environ.get("BENCH_KEEP"):
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
