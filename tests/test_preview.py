"""Staff preview drafts and scheduled talks at the public address; readers get 404."""

import datetime as dt

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from summaries.models import Talk
from tests.factories import make_talk

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return make_talk("下書きの講演", status=Talk.Status.DRAFT, takeaways=3)


@pytest.fixture
def scheduled():
    return make_talk(
        "予約の講演", published_at=timezone.now() + dt.timedelta(days=2), takeaways=1
    )


def test_staff_preview_a_draft_under_a_banner_never_cached(editor_client, draft):
    response = editor_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "下書きのプレビュー" in page
    assert "この講演は下書きです。読者には表示されません。" in page
    assert "<h1><bdi>下書きの講演</bdi></h1>" in page and "要点3" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    cache_control = {p.strip() for p in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_staff_preview_a_scheduled_talk(editor_client, scheduled):
    page = editor_client.get(scheduled.get_absolute_url()).content.decode()
    assert "下書きのプレビュー" in page and "に公開予定です" in page


def test_the_public_gets_404_for_drafts_and_scheduled_talks(client, draft, scheduled):
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_logged_in_readers_without_staff_rights_get_404(
    client, django_user_model, draft
):
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_published_talk_is_shown_to_staff_as_to_everyone(editor_client):
    talk = make_talk()
    response = editor_client.get(talk.get_absolute_url())
    assert "下書きのプレビュー" not in response.content.decode()
    assert "noindex" not in response.content.decode()


@override_settings(
    MIDDLEWARE=[
        "django.middleware.cache.UpdateCacheMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.cache.FetchFromCacheMiddleware",
    ],
    CACHE_MIDDLEWARE_SECONDS=600,
)
def test_a_page_cache_never_hands_a_preview_to_the_public(editor_client, draft):
    """With Django's whole-page cache in front, as a later cache might be."""
    from django.core.cache import cache

    assert editor_client.get(draft.get_absolute_url()).status_code == 200
    # Not stored at all (a cache that ignored `Vary: Cookie` would serve it).
    assert not [key for key in cache._cache if "cache_page" in key]
    response = Client().get(draft.get_absolute_url())
    assert response.status_code == 404
    assert "下書き" not in response.content.decode()
