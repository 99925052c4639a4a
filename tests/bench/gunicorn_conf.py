"""The production gunicorn config, plus a hook that notes a worker's memory.

When a worker has served BENCH_RSS_AFTER requests it writes its resident set
size (VmRSS from /proc/self/status, in kB) to BENCH_RSS_DIR/<pid>.
"""

import os
from pathlib import Path

from govdx.gunicorn_conf import *  # noqa: F403

RSS_AFTER = int(os.environ.get("BENCH_RSS_AFTER", 10_000))
RSS_DIR = os.environ.get("BENCH_RSS_DIR")


def post_request(worker, req, environ, resp):
    if RSS_DIR and worker.nr == RSS_AFTER:
        status = Path("/proc/self/status").read_text()
        rss_kb = next(
            line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")
        )
        Path(RSS_DIR, str(os.getpid())).write_text(rss_kb)
