"""A private `redis-server` for tests, on a port of the cache tests' own
range (18400-18499), never the machine's shared one on 6379. Each parallel
test worker takes a free port of its own tenth of the range, so that a
server one worker stopped is never taken over by another's. Tests stop and
restart it."""

import os
import shutil
import socket
import subprocess
import time

from django.conf import settings

PORTS = range(18400, 18500)


def _own_ports():
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    share = len(PORTS) // 10
    start = PORTS.start + (int(worker) % 10 if worker.isdigit() else 0) * share
    return range(start, start + share)


def _free_port():
    for port in _own_ports():
        with socket.socket() as sock:
            # As redis-server binds: a port left in TIME_WAIT by a stopped
            # server is free, one another server listens on is not.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    ports = _own_ports()
    raise RuntimeError(
        f"no free port in {ports.start}-{ports.stop - 1} for a private redis-server"
    )


class RedisServer:
    def __init__(self):
        self.binary = shutil.which("redis-server")
        self.port = None
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        if self.port is None:
            self.port = _free_port()
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--maxmemory",
                "64mb",
                "--maxmemory-policy",
                "allkeys-lru",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), 0.2) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def pause(self):
        """Redis alive but not answering (a slow Redis): SIGSTOP."""
        self.process.send_signal(19)

    def resume(self):
        self.process.send_signal(18)


def redis_caches(url, timeout_ms=100):
    """CACHES as production sets them with CACHE_URL: Redis, and the
    open-ended pages' own space in each worker."""
    return {
        "open-pages": settings.CACHES["open-pages"],
        "default": {
            "BACKEND": "govdx.redis_cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {
                "socket_connect_timeout": timeout_ms / 1000,
                "socket_timeout": timeout_ms / 1000,
            },
        },
    }
