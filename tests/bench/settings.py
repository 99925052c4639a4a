"""The production settings, serving a benchmark URLconf and collected files.

Selected by DJANGO_SETTINGS_MODULE in the benchmark process and its gunicorn,
never by the site itself.
"""

import os

from govdx.settings import *  # noqa: F403

# The site's URLs plus a bare view to compare each page with.
ROOT_URLCONF = "tests.bench.urls"
# Production serves `collectstatic` output only: hashed, compressed files.
STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
WHITENOISE_USE_FINDERS = False

# BENCH_PAGE_CACHE=off: every page is rendered (the whole-page cache never
# hits), to measure what rendering costs.
if os.environ.get("BENCH_PAGE_CACHE") == "off":
    CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
        for alias in CACHES  # noqa: F405
    }
