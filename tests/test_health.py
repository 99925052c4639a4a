"""/healthz: what a load balancer asks each app server."""

import json
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_healthy_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "database": "ok",
        "cache": "local",
    }
    assert "no-store" in response["Cache-Control"]


def test_503_when_the_database_does_not_answer(client, caplog):
    broken = mock.patch.object(
        connection, "cursor", side_effect=OperationalError("connection refused")
    )
    with broken:
        response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {
        "status": "error",
        "database": "error",
        "cache": "local",
    }
    assert "connection refused" not in response.content.decode()
    assert any(r.name == "govdx.health" for r in caplog.records)


@override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["govdx.example.jp"])
def test_answers_over_plain_http_for_any_host(client):
    """Balancers call each server by its address over HTTP: no redirect, no 400."""
    assert client.get("/talks/", HTTP_HOST="govdx.example.jp").status_code == 301
    response = client.get("/healthz", HTTP_HOST="10.0.3.17:8000")
    assert response.status_code == 200


def test_is_not_in_the_request_log(client, caplog):
    caplog.set_level("INFO", logger="govdx.request")
    client.get("/healthz")
    client.get("/talks/")
    assert [r.path for r in caplog.records if r.name == "govdx.request"] == ["/talks/"]
