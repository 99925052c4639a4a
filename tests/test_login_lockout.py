"""The admin login resists guessing: django-axes, in Japanese."""

import datetime as dt

import pytest
from axes.models import AccessAttempt, AccessLog
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from govdx.logs import JsonFormatter

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
LIMIT = 5  # settings.AXES_FAILURE_LIMIT's default


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    """Dozens of logins here: a cheap hasher keeps the file quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(client, username="editor", password=PASSWORD, address="203.0.113.9"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def logged_in(client):
    return client.get(reverse("admin:index")).status_code == 200


def fail(client, times, **kwargs):
    return [log_in(client, password="wrong", **kwargs) for _ in range(times)]


def test_the_right_password_logs_in(client, editor):
    response = log_in(client)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert logged_in(client)
    assert not AccessLog.objects.exists()  # successful logins are not recorded


def test_wrong_passwords_are_refused_then_locked_out(client, editor):
    *first, last = fail(client, LIMIT)
    refused = "正しいユーザー名とパスワードを入力してください"
    for response in first:
        assert response.status_code == 200
        assert refused in response.content.decode()
    assert last.status_code == 429
    page = last.content.decode()
    assert "ログインを一時停止しています" in page
    assert f"パスワードが{LIMIT}回続けて正しくなかった" in page
    assert "30分たってから" in page

    response = log_in(client)
    assert response.status_code == 429
    assert "その間は正しいパスワードでもログインできません" in response.content.decode()
    assert not logged_in(client)


def test_lockout_is_per_username_and_address(client, editor, django_user_model):
    django_user_model.objects.create_user("other", password=PASSWORD, is_staff=True)
    fail(client, LIMIT)
    assert log_in(client, address="198.51.100.20").status_code == 302
    client.logout()
    assert log_in(client, username="other").status_code == 302


def test_cool_off_lifts_the_lockout_and_forgets_the_attempts(client, editor):
    fail(client, LIMIT)
    assert log_in(client).status_code == 429
    long_ago = timezone.now() - dt.timedelta(minutes=31)
    AccessAttempt.objects.update(attempt_time=long_ago)
    assert log_in(client).status_code == 302
    assert not AccessAttempt.objects.exists()


def test_a_successful_login_starts_the_count_again(client, editor):
    fail(client, LIMIT - 1)
    assert log_in(client).status_code == 302
    client.logout()
    assert [r.status_code for r in fail(client, LIMIT - 1)] == [200] * (LIMIT - 1)


@override_settings(AXES_FAILURE_LIMIT=2)
def test_limit_comes_from_settings(client, editor):
    assert [r.status_code for r in fail(client, 2)] == [200, 429]


def test_lockout_logs_name_neither_user_nor_address(client, editor, caplog):
    fail(client, LIMIT)
    lines = [JsonFormatter().format(r) for r in caplog.records]
    assert any("Locking out" in line for line in lines)
    assert not any("editor" in line or "203.0.113.9" in line for line in lines)


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_forwarded_address_counts(client, editor):
    """One load balancer in front: the address it saw is the reader's; what the
    reader wrote further left in X-Forwarded-For is ignored."""
    for n in range(LIMIT):
        client.post(
            reverse("admin:login"),
            {"username": "editor", "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.9",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {
        "203.0.113.9"
    }
    other_reader = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert other_reader.status_code == 302
