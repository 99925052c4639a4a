import pytest
from django.contrib.auth.models import Group
from django.test import override_settings

from summaries.pagecache import store
from summaries.roles import EDITORS
from tests.redis_server import RedisServer, redis_caches


@pytest.fixture(autouse=True, scope="session")
def _static_files_without_collectstatic():
    """Production serves hashed files made by `collectstatic`; tests read the
    apps' files directly (tests of the production set-up collect their own)."""
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {
                "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
            },
        }
    ):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, so no page leaks between tests."""
    from django.core.cache import caches

    from summaries.pagecache.pages import _Shared

    for cache in caches.all():
        cache.clear()
    _Shared.local.clear()
    yield
    for cache in caches.all():
        cache.clear()
    _Shared.local.clear()


@pytest.fixture(autouse=True)
def _japanese_by_default():
    """Each test starts in Japanese. A request under /en/ leaves English active
    in the thread (LocaleMiddleware sets it per request and never resets it),
    which would turn the next test's reverse() into /en/… addresses."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def editor(django_user_model):
    """A staff user in the 編集者 group, as an editor's account is set up."""
    user = django_user_model.objects.create_user(
        "editor", password="correct-horse-battery", is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def seed(db):
    """The shipped fixture, loaded as `make run` loads it."""
    from django.core.management import call_command

    from summaries.models import Talk

    call_command("loaddata", "talks", verbosity=0)
    return Talk.objects.get(slug="tokyo-dx-miyasaka-2024")


@pytest.fixture
def redis(monkeypatch):
    """A private redis-server (tests/redis_server.py) as the cache, with a
    short pause after a fault; tests stop, pause and restart it."""
    server = RedisServer().start()
    monkeypatch.setattr(store, "PAUSE", 0.3)
    store.reset()
    try:
        with override_settings(CACHES=redis_caches(server.url)):
            yield server
    finally:
        server.stop()
        store.reset()
