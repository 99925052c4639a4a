"""Lighthouse 12.2.3 on the home, list and talk pages, as production serves them.

The shipped content is loaded into a fresh SQLite file, static files are
collected (hashed and compressed) into a temporary folder, and gunicorn serves
the site with debug off. Lighthouse runs three times per page with Debian's
Chromium; performance is noisy on two shared cores, so the median is
reported; the other categories are the lowest of the three.
"""

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.bench import ROOT, report, setup_django

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("GOVDX_CHROMIUM", "/usr/bin/chromium")
RUNS = 3
PAGES = [
    ("home", "/"),
    ("list", "/talks/"),
    ("detail", "/talks/tokyo-dx-miyasaka-2024/"),
    # The shipped talk has no video; this one shows the player facade.
    ("detail+video", "/talks/bench-video-talk/"),
]
GOALS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(folder):
    """Debug off, static files from collectstatic in `folder`, plain HTTP."""
    (folder / "bench_settings.py").write_text(
        "from govdx.settings import *  # noqa: F403\n"
        f"STATIC_ROOT = {str(folder / 'static')!r}\n"
        "WHITENOISE_USE_FINDERS = False\n"
    )
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench_settings",
        PYTHONPATH=os.pathsep.join([str(folder), str(ROOT)]),
        DJANGO_DEBUG="0",
        DJANGO_HTTPS="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "bench-only-key"),
    )
    return env


def wait_until_up(url, server, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited before serving")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def run_lighthouse(url, env):
    return subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--chrome-flags={CHROME_FLAGS}",
            "--only-categories=performance,accessibility,best-practices,seo",
        ],
        env={**env, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        timeout=180,
    )


def lighthouse(url, env, attempts=3):
    """Category scores and the binary audits that failed, for one run.

    Lighthouse now and then loses its trace on a busy machine (NO_NAVSTART,
    "Please run Lighthouse again"); such a run is retried, not counted."""
    for attempt in range(1, attempts + 1):
        result = run_lighthouse(url, env)
        if result.returncode == 0:
            break
        if attempt == attempts:
            raise RuntimeError(f"lighthouse failed on {url}: {result.stderr[-2000:]}")
    data = json.loads(result.stdout)
    scores = {key: round(cat["score"] * 100) for key, cat in data["categories"].items()}
    failing = [
        audit_id
        for audit_id, audit in data["audits"].items()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") == "binary"
    ]
    return scores, failing


def main():
    missing = [
        what
        for what, ok in (
            ("Lighthouse (npm ci)", LIGHTHOUSE.exists()),
            (f"Chromium at {CHROMIUM}", os.access(CHROMIUM, os.X_OK)),
        )
        if not ok
    ]
    if missing:
        report("lighthouse", "skipped: missing " + ", ".join(missing), "-")
        return
    database_url = setup_django()
    from django.core.management import call_command

    call_command("loaddata", "talks", verbosity=0)
    from tests.factories import make_talk

    make_talk(
        "動画つきの講演（計測用）",
        slug="bench-video-talk",
        video_url="https://www.youtube.com/watch?v=AbCdEfGhI_0",
        tags=["DX"],
        takeaways=5,
        questions=3,
        outline=6,
        keywords=4,
        highlights=5,
        transcript=40,
    )
    folder = Path(tempfile.mkdtemp(prefix="govdx-lighthouse-"))
    env = production_env(folder)
    env["DATABASE_URL"] = database_url
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "govdx.wsgi",
            f"--bind=127.0.0.1:{port}",
            "--workers=2",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + "/", server)
        for name, path in PAGES:
            runs = [lighthouse(base + path, env) for _ in range(RUNS)]
            failing = sorted({audit for _scores, audits in runs for audit in audits})
            for category, goal in GOALS.items():
                values = [scores[category] for scores, _audits in runs]
                value = (
                    statistics.median(values)
                    if category == "performance"
                    else min(values)
                )
                how = f"median of {RUNS}" if category == "performance" else "lowest"
                report(
                    "lighthouse",
                    f"{name} {category} ({how})",
                    value,
                    "",
                    f">= {goal}",
                    value >= goal,
                )
            if failing:
                print(f"{path}: audits not passed: {', '.join(failing)}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
