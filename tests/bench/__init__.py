"""`make bench`: every benchmark here, one table.

Each `bench_*.py` module in this folder is run in its own process (so each can
choose its own database through DATABASE_URL before Django starts) as
`python -m tests.bench.bench_x`, and prints its results as JSON lines made by
`report()`. `python -m tests.bench` runs them all and prints the table.
"""

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def setup_django(database_url=None):
    """Start Django for a benchmark, on `database_url` or a fresh SQLite file."""
    if database_url is None:
        folder = tempfile.mkdtemp(prefix="govdx-bench-")
        database_url = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govdx.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-key-not-a-secret")
    os.environ.setdefault("DJANGO_HTTPS", "0")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return database_url


def report(section, measure, value, unit="", goal="", ok=None):
    """One row of the table: what was measured, the figure, and the goal it meets."""
    row = {
        "section": section,
        "measure": measure,
        "value": value,
        "unit": unit,
        "goal": goal,
        "ok": ok,
    }
    print("BENCH " + json.dumps(row, ensure_ascii=False), flush=True)
