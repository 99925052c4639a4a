"""A gunicorn of the real site for the benchmark, and wrk to load it."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from . import ROOT


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", int(os.environ.get("BENCH_PORT", 0))))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(env, workers=2, log_path=None, app="govdx.wsgi", port=None):
    """gunicorn with the production config (and a bench hook), on a free port."""
    port = port or free_port()
    log = open(log_path or os.devnull, "w")  # noqa: SIM115 (closed below)
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "-c",
        "python:tests.bench.gunicorn_conf",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        app,
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process)
        yield base, process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def wait_until_up(base, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /healthz in time")


def fetch(url, **headers):
    """(status, headers, raw body bytes): no decompression, as sent on the wire."""
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


def wrk(url, seconds, connections=4, script=None):
    """One wrk run: {"rps", "requests", "errors"} (non-2xx/3xx plus socket errors)."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s"]
    if script:
        command += ["-s", str(script)]
    result = subprocess.run([*command, url], capture_output=True, text=True, check=True)
    out = result.stdout
    errors = sum(
        int(n)
        for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out)
        + re.findall(r"Non-2xx or 3xx responses: (\d+)", out)
    )
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "errors": errors,
    }
