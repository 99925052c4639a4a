"""The production settings (DEBUG off) for gunicorn-level tests, with static
files read from the apps as the test suite reads them, so no collectstatic
step is needed. Selected by DJANGO_SETTINGS_MODULE, never by the site."""

from govdx.settings import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
