"""Pages under load: 10,000 generated talks served by gunicorn with 2 workers.

    python -m tests.bench bench_pages          (or `make bench`)

Environment: BENCH_TALKS (10000), BENCH_SECONDS per wrk run (3), BENCH_ROUNDS
(3), BENCH_DATABASE_URL (a fresh SQLite file when unset; its generated talks
are replaced), BENCH_RSS_AFTER (10000), BENCH_KEEP=1 keeps the temporary
folder (gunicorn's log).

Rows:
- each page's requests per second against a bare Django view returning a body
  of the same size through the same middleware and server, measured
  alternately (page, bare, page, bare…) so both see the same machine;
- queries per page at 100 talks and at BENCH_TALKS, which must be equal;
- the detail page's weight as a browser downloads it (HTML, CSS, JS, fonts,
  compressed as served) and the web fonts it would fetch;
- one worker's memory (RSS) once it has served 10,000 requests.
"""

import gzip
import logging
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

import brotli

from . import report, setup_django
from .server import fetch, gunicorn, wrk

TALKS = int(os.environ.get("BENCH_TALKS", 10_000))
SECONDS = int(os.environ.get("BENCH_SECONDS", 3))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 3))
RSS_AFTER = int(os.environ.get("BENCH_RSS_AFTER", 10_000))
GOALS = {"list": 0.5, "detail": 0.5, "search": 0.3}
WEIGHT_LIMIT = 50 * 1024
SEARCH = "/talks/?q=" + quote("デジタル")


def progress(message):
    print(f"  {message}", file=sys.stderr, flush=True)


def add_talks(count, seed):
    """`manage.py generate_talks`; the first batch replaces any generated talks
    a previous run left in BENCH_DATABASE_URL."""
    from django.core.management import call_command

    call_command(
        "generate_talks", count=count, seed=seed, delete=seed == 1, verbosity=0
    )


def page_urls():
    from django.urls import reverse

    from summaries.models import Tag, Talk

    talk = Talk.objects.published().filter(is_generated=True).order_by("pk").first()
    # Generated talks have no video; the measured one gets one, so its page
    # carries the player and weighs what a real talk page weighs.
    talk.video_url = "https://www.youtube.com/watch?v=AbCdEfGhI_0"
    talk.save()
    tag = Tag.objects.filter(tagged_talks__content_object=talk).order_by("pk").first()
    urls = {
        "home": reverse("summaries:home"),
        "list": reverse("summaries:talk-list"),
        # Already percent-encoded, as browsers send them.
        "detail": talk.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "search": SEARCH,
    }
    urls["api"] = "/api/talks/"
    return urls


def count_queries(urls):
    """Queries per page on a cold cache (what a page costs when rendered)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for name, url in urls.items():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counts[name] = len(queries) if response.status_code == 200 else None
    return counts


def build_data():
    progress("generating 100 talks")
    add_talks(100, seed=1)
    urls = page_urls()
    small = count_queries(urls)
    progress(f"generating {TALKS - 100} more talks")
    add_talks(TALKS - 100, seed=2)
    large = count_queries(urls)
    for name, url in urls.items():
        if small[name] is None:
            report("queries per page", name, f"skipped: no page at {url}")
            continue
        report(
            "queries per page",
            f"{name}: 100 → {TALKS:,} talks",
            f"{small[name]} → {large[name]}",
            goal="equal",
            ok=small[name] == large[name],
        )
    return urls, {name for name in urls if small[name] is None}


def compare_with_bare(base, urls, missing):
    """Alternate wrk runs of each page and its bare twin; report the ratio."""
    errors = 0
    for name, url in urls.items():
        if name in missing:
            report("req/s vs bare view", name, f"skipped: no page at {url}")
            continue
        status, _, body = fetch(base + url)
        bare = f"/__bench__/bare/{len(body)}/"
        assert status == 200 and fetch(base + bare)[0] == 200, url
        runs = {"page": [], "bare": []}
        for round_number in range(ROUNDS):
            for kind, target in (("page", url), ("bare", bare)):
                runs[kind].append(wrk(base + target, SECONDS))
            progress(
                f"{name} round {round_number + 1}: "
                f"{runs['page'][-1]['rps']:.0f} vs {runs['bare'][-1]['rps']:.0f} req/s"
            )
        page_rps = sum(r["rps"] for r in runs["page"]) / ROUNDS
        bare_rps = sum(r["rps"] for r in runs["bare"]) / ROUNDS
        ratio = page_rps / bare_rps
        errors += sum(r["errors"] for r in runs["page"] + runs["bare"])
        goal = GOALS.get(name)
        report(
            "req/s vs bare view",
            f"{name} ({len(body) // 1024} KB)",
            f"{ratio:.2f} ({page_rps:.0f} / {bare_rps:.0f})",
            goal=f"≥ {goal}" if goal else "",
            ok=ratio >= goal if goal else None,
        )
    report("req/s vs bare view", "error responses", errors, goal="0", ok=errors == 0)


ASSET = re.compile(
    rb'<(?:link[^>]+rel="(?:stylesheet|preload|modulepreload)"[^>]*href'
    rb'|script[^>]+src)="([^"]+)"'
)
FONT_URL = re.compile(rb"url\(['\"]?([^'\")]+\.(?:woff2?|ttf|otf|eot))", re.I)


def decoded(headers, body):
    encoding = headers.get("Content-Encoding")
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding == "br":
        return brotli.decompress(body)
    return body


def detail_weight(base, url):
    """Bytes a browser downloads for the detail page, compressed as served."""
    accept = {"Accept-Encoding": "gzip, deflate, br"}
    _, headers, html = fetch(base + url, **accept)
    total = len(html)
    parts = [f"HTML {len(html) / 1024:.1f}"]
    fonts = []
    for asset in dict.fromkeys(ASSET.findall(decoded(headers, html))):
        asset_headers, body = fetch(base + asset.decode(), **accept)[1:]
        total += len(body)
        kind = asset.rsplit(b".", 1)[-1].decode()
        parts.append(f"{kind} {len(body) / 1024:.1f}")
        if kind == "css":
            fonts += FONT_URL.findall(decoded(asset_headers, body))
        elif kind in {"woff", "woff2", "ttf", "otf"}:
            fonts.append(asset)
    encoding = headers.get("Content-Encoding", "none")
    report(
        "detail page weight",
        f"HTML + CSS + JS, {encoding} ({', '.join(parts)} KB)",
        f"{total / 1024:.1f} KB",
        goal="< 50 KB",
        ok=total < WEIGHT_LIMIT,
    )
    report("detail page weight", "web fonts", len(fonts), goal="none", ok=not fonts)


def worker_memory(base, urls, rss_dir):
    """Load the pages until a worker has served RSS_AFTER requests; its RSS."""
    rotation = Path(rss_dir, "rotate.lua")
    paths = ", ".join(f'"{url}"' for url in urls.values())
    rotation.write_text(
        f"local paths = {{{paths}}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n"
        "  return wrk.format('GET', paths[i])\nend\n"
    )
    for _ in range(60):
        done = [p for p in Path(rss_dir).iterdir() if p.name.isdigit()]
        if done:
            break
        wrk(base + "/", SECONDS * 3, script=rotation)
    else:
        report("memory", f"one worker after {RSS_AFTER:,} requests", "not reached")
        return
    rss_mb = int(done[0].read_text()) / 1024
    measure = f"one worker's RSS after {RSS_AFTER:,} requests"
    report("memory", measure, f"{rss_mb:.0f} MB")


def main():
    folder = Path(tempfile.mkdtemp(prefix="govdx-bench-pages-"))
    static_root, rss_dir = folder / "static", folder / "rss"
    rss_dir.mkdir()
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.bench.settings"
    os.environ["BENCH_STATIC_ROOT"] = str(static_root)
    os.environ["DJANGO_DEBUG"] = "0"
    database_url = setup_django(
        os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3"
    )
    # This process's own requests (query counts) need no request log.
    logging.getLogger("govdx.request").setLevel(logging.WARNING)

    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    urls, missing = build_data()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "BENCH_RSS_DIR": str(rss_dir),
        "BENCH_RSS_AFTER": str(RSS_AFTER),
    }
    progress(f"gunicorn, 2 workers; wrk {ROUNDS} rounds of {SECONDS} s per page")
    with gunicorn(env, workers=2, log_path=folder / "gunicorn.log") as (base, _):
        detail_weight(base, urls["detail"])
        compare_with_bare(base, urls, missing)
        served = {name: url for name, url in urls.items() if name not in missing}
        worker_memory(base, served, rss_dir)
    if os.environ.get("BENCH_KEEP"):
        progress(f"kept {folder}")
    else:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
