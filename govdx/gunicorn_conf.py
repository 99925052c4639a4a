"""gunicorn settings for production:

    gunicorn -c python:govdx.gunicorn_conf govdx.wsgi

Plain `gunicorn govdx.wsgi` works too (with gunicorn's defaults: one worker,
plain-text server logs); this file adds the worker count, timeouts and JSON
logs. Command-line flags override anything here (`--workers 4`).
"""

import multiprocessing
import os

# Where to listen: gunicorn's own default, 127.0.0.1:8000, or 0.0.0.0:$PORT
# when PORT is set; `--bind` overrides.

# Sync workers: each serves one request at a time, so a worker's database
# connection is never shared and pages are CPU-bound template work.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))

# Loading the app before forking shares its memory between workers and stops
# the server at once, in the master, when a setting is missing.
preload_app = True

# A request that takes longer is killed and logged; a restart or deploy lets
# requests in flight finish for up to `graceful_timeout` seconds.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30

# No access log from gunicorn: its lines start with the client's address.
# Django writes one JSON line per request without it (govdx.logs).
accesslog = None
errorlog = "-"
logconfig_dict = {
    "formatters": {"json": {"()": "govdx.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stdout",
        },
    },
    "root": {"level": "WARNING", "handlers": ["console"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": [], "propagate": True},
        # gunicorn writes access lines whenever a logging config is given;
        # this logger has nowhere to write them.
        "gunicorn.access": {"level": "CRITICAL", "handlers": [], "propagate": False},
    },
}

# Several gunicorns on one host would fight over the default control socket.
control_socket_disable = True
