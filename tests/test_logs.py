"""Logs: one JSON object a line, and nothing personal in them."""

import json
import logging
import sys

import pytest

from govdx.logs import JsonFormatter

pytestmark = pytest.mark.django_db


def request_lines(caplog):
    return [r for r in caplog.records if r.name == "govdx.request"]


def test_one_line_per_request_without_address_or_search_words(client, caplog):
    caplog.set_level("INFO", logger="govdx.request")
    client.get(
        "/talks/",
        {"q": "山田太郎の住所", "tag": "防災", "page": "1"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="Mozilla/5.0 (個人の端末)",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    [record] = request_lines(caplog)
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert entry["logger"] == "govdx.request"
    assert entry["level"] == "INFO"
    assert entry["method"] == "GET"
    assert entry["path"] == "/talks/"
    assert entry["status"] == 200
    assert entry["duration_ms"] >= 0
    assert entry["query"] == {"q": ["[redacted]"], "tag": ["防災"], "page": ["1"]}
    for personal in ("山田太郎", "203.0.113.9", "198.51.100.7", "個人の端末"):
        assert personal not in line


def test_django_error_records_keep_the_traceback_but_not_the_request(rf):
    request = rf.get("/talks/?q=山田太郎", REMOTE_ADDR="203.0.113.9")
    try:
        raise RuntimeError("壊れた")
    except RuntimeError:
        record = logging.getLogger("django.request").makeRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s",
            ("/talks/",),
            sys.exc_info(),
            extra={"status_code": 500, "request": request},
        )
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert entry["message"] == "Internal Server Error: /talks/"
    assert entry["status_code"] == 500
    assert "Traceback" in entry["exc_info"] and "壊れた" in entry["exc_info"]
    assert "request" not in entry
    assert "山田太郎" not in line and "203.0.113.9" not in line


def test_a_refused_parameter_logs_a_line_but_no_traceback(caplog):
    """Anyone can send bad addresses: they must not fill the logs with
    tracebacks. A server error keeps its traceback."""
    from unittest import mock

    from django.test import Client

    reader = Client(raise_request_exception=False)
    with caplog.at_level("WARNING", logger="django.request"):
        assert reader.get("/talks/", {"year": "99999"}).status_code == 400
        assert reader.get("/talks/", {"page": "x"}).status_code == 400
        with mock.patch(
            "summaries.views.talks.TalkListView.get_queryset",
            side_effect=RuntimeError("broken"),
        ):
            assert reader.get("/talks/", {"year": "2024"}).status_code == 500
    records = [r for r in caplog.records if r.name == "django.request"]
    assert [r.status_code for r in records] == [400, 400, 500]
    assert [r.exc_info is not None for r in records] == [False, False, True]
    assert "Traceback" not in caplog.text.split("Internal Server Error")[0]
