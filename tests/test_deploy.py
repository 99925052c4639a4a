"""The production set-up: settings from the environment, static files, errors."""

import io
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from django.urls import path

ROOT = Path(__file__).resolve().parents[1]


def production_env(**values):
    """The environment without anything the tests set for Django (debug keys,
    DJANGO_ALLOW_ASYNC_UNSAFE for the browser tests…), plus `values`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(values)
    return env


def run(args, env, timeout=60):
    return subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def django_python(code, env, *args):
    """Run `code` in a fresh process with Django set up from `env` alone."""
    setup = (
        "import os, sys, django\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'govdx.settings'\n"
        "django.setup()\n"
    )
    return run([sys.executable, "-c", setup + code, *args], env)


def test_deploy_check_reports_nothing_with_production_settings():
    env = production_env(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_HTTPS="1",
        DJANGO_ALLOWED_HOSTS="govdx.example.jp",
    )
    result = run([sys.executable, "manage.py", "check", "--deploy"], env)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stderr + result.stdout


def test_https_on_by_default_in_production():
    """DJANGO_HTTPS defaults to on when debug is off: HSTS, redirect, secure cookies."""
    env = production_env(DJANGO_SECRET_KEY=secrets.token_urlsafe(50))
    code = (
        "from django.conf import settings as s\n"
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS,"
        " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    result = django_python(code, env)
    assert result.stdout.split() == ["True", "31536000", "True", "True"], result.stderr


def test_manage_py_refuses_to_start_without_a_secret_key():
    result = run([sys.executable, "manage.py", "check"], production_env())
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_gunicorn_refuses_to_start_without_a_secret_key():
    gunicorn = Path(sys.executable).with_name("gunicorn")
    result = run(
        [
            str(gunicorn),
            "-c",
            "python:govdx.gunicorn_conf",
            "--bind",
            "127.0.0.1:0",
            "--workers",
            "1",
            "govdx.wsgi",
        ],
        production_env(),
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stdout + result.stderr


def wsgi_get(url, **headers):
    """One request through the real WSGI application, as gunicorn would make it."""
    environ = {"PATH_INFO": url, "REQUEST_METHOD": "GET", "HTTP_HOST": "localhost"}
    environ.update({f"HTTP_{k.upper()}": v for k, v in headers.items()})
    setup_testing_defaults(environ)
    status_headers = {}

    def start_response(status, headers, exc_info=None):
        status_headers["status"] = int(status.split()[0])
        status_headers["headers"] = dict(headers)

    # As Django's test client does: the test's transaction holds the database
    # connection, so the request must not close it when it ends.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = b"".join(WSGIHandler()(environ, start_response))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return status_headers["status"], status_headers["headers"], body


@pytest.mark.django_db
def test_collected_static_files_are_hashed_compressed_and_cached_for_years(
    tmp_path,
):
    production_storage = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "govdx.staticfiles.StaticFilesStorage"},
    }
    with override_settings(
        STATIC_ROOT=tmp_path, STORAGES=production_storage, WHITENOISE_USE_FINDERS=False
    ):
        call_command("collectstatic", interactive=False, stdout=io.StringIO())
        status, _, page = wsgi_get("/")
        assert status == 200
        stylesheet = re.search(
            rb'href="(/static/summaries/css/site\.[0-9a-f]{12}\.css)"', page
        ).group(1)
        url = stylesheet.decode()

        status, headers, body = wsgi_get(url, accept_encoding="gzip, deflate, br")
        assert status == 200
        assert headers["Cache-Control"] == "max-age=315360000, public, immutable"
        assert headers["Content-Encoding"] == "br"
        original = (ROOT / "summaries/static/summaries/css/site.css").read_bytes()
        assert len(body) < len(original) / 2

        status, headers, body = wsgi_get(url, accept_encoding="gzip")
        assert headers["Content-Encoding"] == "gzip"
        assert body[:2] == b"\x1f\x8b"

    # A script and the modules it imports are cached, and change, together.
    (script,) = (tmp_path / "summaries" / "js").glob("tag-input.*[0-9a-f].js")
    imports = re.findall(r'from "([^"]+)";', script.read_text(encoding="utf-8"))
    assert len(imports) == 2
    assert all(
        re.fullmatch(r"\./[a-z0-9-]+\.[0-9a-f]{12}\.js", name) for name in imports
    ), imports
    assert all((script.parent / name).exists() for name in imports)


def failing_view(request):
    raise RuntimeError("a bug with a secret in it: token=abc123")


urlpatterns = [path("boom/", failing_view)]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_errors_show_the_500_page_and_log_the_traceback(client, caplog):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "エラーが発生しました" in page
    assert "Traceback" not in page and "abc123" not in page
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelname == "ERROR"
    assert record.exc_info[0] is RuntimeError


def redis_answers():
    import redis

    try:
        return redis.Redis(host="127.0.0.1", port=6379, socket_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        return False


def test_several_app_servers_share_one_redis_cache():
    """CACHE_URL points every app server at one Redis: what one process stores,
    another reads."""
    if not redis_answers():
        if os.environ.get("GOVDX_REQUIRE_TOOLS"):
            pytest.fail("Redis does not answer on 127.0.0.1:6379")
        pytest.skip("Redis does not answer on 127.0.0.1:6379")
    key = f"govdx-test-{secrets.token_hex(8)}"
    env = production_env(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_HTTPS="0",
        # A database number of its own, well away from anyone else's keys.
        CACHE_URL="redis://127.0.0.1:6379/13",
    )
    code = (
        "from django.core.cache import caches\n"
        "cache = caches['default']\n"
        "print(type(cache).__name__)\n"
        "if sys.argv[2] == 'set':\n"
        "    cache.set(sys.argv[1], 'ページ', 30)\n"
        "else:\n"
        "    print(cache.get(sys.argv[1]))\n"
        "    cache.delete(sys.argv[1])\n"
    )
    wrote = django_python(code, env, key, "set")
    read = django_python(code, env, key, "get")
    assert wrote.stdout.split() == ["RedisCache"], wrote.stderr
    assert read.stdout.split() == ["RedisCache", "ページ"], read.stderr


def test_gunicorn_writes_json_lines_without_addresses(tmp_path):
    """The production command: every line JSON, no access line with the client's
    address, the request line with search words redacted."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = production_env(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_HTTPS="0",
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
    )
    command = [str(gunicorn), "-c", "python:govdx.gunicorn_conf", "--workers", "1"]
    log = tmp_path / "gunicorn.log"
    with open(log, "w") as output:
        server = subprocess.Popen(
            [*command, "--bind", f"127.0.0.1:{port}", "govdx.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/healthz", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
            # The admin sends anonymous readers to its login: no template needed.
            opener = urllib.request.build_opener(NoRedirect)
            with pytest.raises(urllib.error.HTTPError) as redirect:
                opener.open(base + "/admin/?q=" + quote("山田太郎"))
            assert redirect.value.code == 302
        finally:
            server.terminate()
            server.wait(timeout=30)
    lines = log.read_text().splitlines()
    entries = [json.loads(line) for line in lines if line.startswith("{")]
    assert entries and len(entries) == len(lines), lines
    [request] = [e for e in entries if e["logger"] == "govdx.request"]
    assert request["path"] == "/admin/" and request["status"] == 302
    assert request["query"] == {"q": ["[redacted]"]}
    text = log.read_text()
    assert "127.0.0.1 -" not in text and "山田太郎" not in text
    assert "%E5%B1%B1" not in text  # nor percent-encoded


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
