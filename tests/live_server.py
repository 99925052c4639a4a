"""A real server in its own processes, on its own database, for load tests.

`pytest-django`'s `live_server` runs in the test process and, on SQLite, shares
one in-memory connection between threads: it cannot show what several app
server processes writing one database do. This starts `gunicorn govdx.wsgi`
(as production does) with several workers against a fresh database of the
suite's kind: a SQLite file, or a new PostgreSQL database beside the test one.
"""

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def fresh_database(folder, label="live"):
    """A DATABASE_URL for an empty database like the suite's, dropped afterwards
    (named after the test database and `label`)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{folder}/live.sqlite3"
        return
    import psycopg

    parts = urlsplit(url)
    # Parallel test workers (pytest-xdist: gw0, gw1…) each get their own.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    name = "_".join(filter(None, [parts.path.lstrip("/"), label, worker]))
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class LiveSite:
    def __init__(self, database_url, folder):
        self.database_url = database_url
        self.folder = Path(folder)
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            # Debug serves static files without a collectstatic manifest; it
            # changes nothing on the paths under test.
            "DJANGO_DEBUG": "1",
            "DJANGO_HTTPS": "0",
            "DJANGO_SECRET_KEY": "live-server-test-key-not-a-secret",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        }
        self.url = None
        self.log = self.folder / "server.log"

    def manage(self, *args):
        """Run a manage.py command against the site's database; its stdout."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode:
            raise RuntimeError(result.stderr)
        return result.stdout

    def python(self, code):
        """Run Django shell code against the site's database; what it prints."""
        return self.manage("shell", "--no-imports", "-c", code).strip()

    @contextlib.contextmanager
    def serving(self, workers=2, threads=8, port=None):
        port = port or _free_port()
        with open(self.log, "w") as log:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "govdx.wsgi",
                    f"--bind=127.0.0.1:{port}",
                    f"--workers={workers}",
                    f"--threads={threads}",
                    "--worker-class=gthread",
                    "--timeout=120",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.url = f"http://127.0.0.1:{port}"
        try:
            self._wait_until_up(process)
            yield self
        finally:
            process.terminate()
            process.wait(timeout=30)

    def _wait_until_up(self, process, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"server exited:\n{self.log.read_text()}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2):
                    return
            except urllib.error.HTTPError:
                return  # it answers, whatever the page says
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"server did not start:\n{self.log.read_text()}")


class Reader:
    """One browser: its own cookies, the page's CSRF token, then posts."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar())
        )
        self.token = None

    def get(self, path):
        with self.opener.open(self.base_url + path, timeout=60) as response:
            page = response.read().decode()
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        return page

    def post(self, path, data, accept="application/json"):
        """(status, body) of a form post, as fetch() would send it."""
        body = urlencode({**data, "csrfmiddlewaretoken": self.token}).encode()
        request = urllib.request.Request(
            self.base_url + path, data=body, headers={"Accept": accept}
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()
