"""GovDX Talks settings, read from the environment (see README, "Settings")."""

import datetime as dt
import logging
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def env_list(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


DEBUG = env_flag("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value, "
            "or set DJANGO_DEBUG=1 for local development."
        )
    # Debug only: a per-process key, so sessions end when the server restarts.
    SECRET_KEY = os.urandom(32).hex()

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "taggit",
    "corsheaders",
    "reversion",
    # The core (talks and their parts), then the capabilities built on it, each
    # an app with its own tables, migrations and receivers (docs/architecture.md).
    "summaries",
    "summaries.ratings",
    "summaries.search",
    "summaries.pagecache",
    "summaries.videos",
    "summaries.listings",
    "summaries.review",
]

MIDDLEWARE = [
    # Load balancers call /healthz by address over plain HTTP: answered before
    # the host check, the HTTPS redirect and the request log.
    "govdx.health.HealthCheckMiddleware",
    # Outermost after that, so it sees every error, whoever made it: under
    # /api/ each becomes JSON.
    "summaries.api.errors.JsonErrorsMiddleware",
    "govdx.logs.RequestLogMiddleware",
    # A current cached public page is answered here, before the rest of the
    # stack, with the headers the stack gave it (summaries/pagecache/early.py).
    "summaries.pagecache.early.CachedPageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, which serves static files already compressed.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # CORS answers preflight requests before anything else looks at them.
    "corsheaders.middleware.CorsMiddleware",
    # The language comes from the URL: /en/… is English, everything else Japanese.
    "summaries.middleware.LocaleFromUrlMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which is the first to read the body: a body larger
    # than its view accepts is refused unread (413), and a method the view
    # does not serve is a 405, not the CSRF failure page.
    "summaries.body_limits.BodyLimitMiddleware",
    "summaries.methods.MethodNotAllowedMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its own page.
    "axes.middleware.AxesMiddleware",
    # Its process_exception runs first: a database that does not answer is a
    # 503 with Retry-After (JSON under /api/), not a 500.
    "govdx.health.DatabaseUnavailableMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username and address before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "govdx.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "summaries.pagecache.pages.csrf",
            ],
        },
    },
]

WSGI_APPLICATION = "govdx.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Sync workers serve one request at a time, so one kept-open connection
        # per worker is already a pool of one (README, "Deploying").
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
        # PgBouncer in transaction mode cannot keep server-side cursors open.
        disable_server_side_cursors=env_flag("DATABASE_TRANSACTION_POOLING", False),
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several app servers or threads writing at once (readers' votes): WAL lets
    # readers carry on during a write; IMMEDIATE takes the write lock when a
    # transaction starts, so a busy database waits (timeout, seconds) instead of
    # failing on a lock upgrade.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_flag(
    "DATABASE_TRANSACTION_POOLING", False
):
    # No JIT compilation: a search's one statement has a large estimated cost
    # (many index subqueries), so PostgreSQL compiled it on every search:
    # 3.2 s of a 3.3 s search at 2,000 talks, for a statement that runs in
    # 33 ms. Behind PgBouncer (no startup options), set it on the database:
    # ALTER DATABASE … SET jit = off (README, "Deploying").
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("日本語")), ("en", _("英語"))]
LOCALE_PATHS = [BASE_DIR / "summaries" / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "govdx.staticfiles.StaticFilesStorage"
        )
    },
}
# Tests and `make run` serve files straight from the apps, no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# Hashed names (site.3f2a….css) are cached for ten years as immutable whatever
# this says; this is for the few files served under their own name.
WHITENOISE_MAX_AGE = 0 if DEBUG else 60 * 60

cache_url = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL")
if cache_url:
    CACHES = {
        "default": {
            # Django's backend, reusing one client per pool (govdx/redis_cache.py).
            "BACKEND": "govdx.redis_cache.RedisCache",
            "LOCATION": cache_url,
            # A slow or lost Redis costs a request 100 ms at most; then the
            # cache is left alone for a few seconds (pagecache/store.py).
            "OPTIONS": {
                "socket_connect_timeout": env_int("CACHE_TIMEOUT_MS", 100) / 1000,
                "socket_timeout": env_int("CACHE_TIMEOUT_MS", 100) / 1000,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Open-ended pages (searches, deep pages, filter combinations) are kept apart,
# in a bounded space of each worker's own, never in the shared cache
# (summaries/pagecache/pages.py, docs/operations.md).
CACHES["open-pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "open-pages",
    "OPTIONS": {"MAX_ENTRIES": env_int("OPEN_PAGES_CACHED", 300)},
}

TAGGIT_CASE_INSENSITIVE = True
TAGGIT_TAGS_FROM_STRING = "summaries.tagging.parse_tags"
TAGGIT_STRING_FROM_TAGS = "summaries.tagging.edit_string"

# Readers' votes and "was this useful?" answers: at most RATING_RATE_LIMIT posts
# per address in each RATING_RATE_WINDOW seconds. A whole office shares one
# address, so the default is far above what one person sends.
RATING_RATE_LIMIT = env_int("RATING_RATE_LIMIT", 300)
RATING_RATE_WINDOW = env_int("RATING_RATE_WINDOW", 60)
# A second signal besides the voter's cookie (which is easy to clear): at most
# this many new voters per talk from one address (household) per day. Generous,
# because a whole office or school shares one address.
RATING_NEW_VOTERS_PER_ADDRESS = env_int("RATING_NEW_VOTERS_PER_ADDRESS", 300)
# AggregateRating goes into a talk page's JSON-LD only from this many votes:
# a handful of votes makes no claim worth giving search engines.
RATING_STRUCTURED_DATA_MIN_COUNT = env_int("RATING_STRUCTURED_DATA_MIN_COUNT", 5)

# How many proxies of ours (load balancer, CDN) append to X-Forwarded-For in
# front of the app; 0 trusts only the connecting address. The one setting for
# the client's address: login lockout and rate limits (summaries/client_address.py).
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXIES", 0)

# Open data: anyone may read /api/ from any origin; nothing else is shared.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "if-modified-since", "if-none-match"]
CORS_EXPOSE_HEADERS = ["etag", "last-modified"]
CORS_PREFLIGHT_MAX_AGE = 86400

# HTTPS: on by default in production, off for `make run` and tests.
HTTPS = env_flag("DJANGO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp): no inline script or style anywhere, so
# no nonce either and the header is the same for every response (a cached page
# stays valid). JSON-LD blocks are data, not script, and need nothing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # The video facade inserts this player only when the reader clicks.
        "frame-src": ["https://www.youtube-nocookie.com"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Permissions-Policy (django-permissions-policy): the site needs none of these;
# the YouTube player, once asked for, gets what it plays with.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": ["self", "https://www.youtube-nocookie.com"],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": ["self", "https://www.youtube-nocookie.com"],
    "fullscreen": ["self", "https://www.youtube-nocookie.com"],
    "geolocation": [],
    "gyroscope": [],
    "interest-cohort": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": ["self", "https://www.youtube-nocookie.com"],
    "usb": [],
}

LOGIN_URL = "admin:login"

# Admin login guessing (django-axes): a username tried from one address is
# locked after AXES_FAILURE_LIMIT wrong passwords, for the cool-off period.
# Attempt rows (username, address, browser) are deleted when the cool-off ends
# or the right password is given; successful logins are not recorded; axes's
# own log lines mask the username and address.
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# Axes's own admin pages are English-only; `manage.py axes_reset_username NAME`
# lifts a lockout before the cool-off ends.
AXES_ENABLE_ADMIN = False
AXES_CLIENT_IP_CALLABLE = "summaries.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "summaries.admin.login_guard.lockout_response"

# Review and approval (docs/editors.md): with GOVDX_REQUIRE_APPROVAL on (the
# default), an editor's change to what readers see waits for someone in the
# 承認者 group. Four eyes: nobody approves their own submission, unless
# GOVDX_ALLOW_SELF_APPROVAL is on (for a team of one or two).
GOVDX_REQUIRE_APPROVAL = env_flag("GOVDX_REQUIRE_APPROVAL", True)
GOVDX_ALLOW_SELF_APPROVAL = env_flag("GOVDX_ALLOW_SELF_APPROVAL", False)
# The site's address for links in emails, e.g. https://talks.example.go.jp
GOVDX_SITE_URL = os.environ.get("GOVDX_SITE_URL", "http://localhost:8000").rstrip("/")

# Email (review notifications): printed on the console while developing; in
# production sent over SMTP with the settings below (docs/operations.md).
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_flag("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "govdx-talks@localhost")

# Logs: JSON lines on stdout (one object per event), plain text while debugging.
# Request lines carry no client address and no free text from query strings.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "govdx.logs.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s %(message)s"},
    },
    "filters": {
        "no_client_error_tracebacks": {"()": "govdx.logs.ClientErrorsWithoutTraceback"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "text" if DEBUG else "json",
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "govdx": {"level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
        "django.request": {"filters": ["no_client_error_tracebacks"]},
    },
}
# Python warnings (a missing STATIC_ROOT, a deprecation) become log lines too.
logging.captureWarnings(True)
