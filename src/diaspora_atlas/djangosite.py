"""Django settings for the store and the web directory, derived from our Settings."""

from __future__ import annotations

import dj_database_url

from diaspora_atlas.settings import load_settings

_settings = load_settings()

SECRET_KEY = _settings.secret_key
DEBUG = _settings.debug
ALLOWED_HOSTS = list(_settings.allowed_hosts)
INSTALLED_APPS = [
    "django.contrib.staticfiles",
    "diaspora_atlas.store",
    "diaspora_atlas.web",
]
DATABASES = {"default": dj_database_url.parse(_settings.database_url, conn_max_age=60)}
if _settings.is_sqlite:
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en"

# The web directory (diaspora_atlas.web): pages, JSON twins, the API; see docs/web.md.
ROOT_URLCONF = "diaspora_atlas.web.urls"
# Methods before static files and CSRF (HEAD, 405 in the documented shape; web/methods.py),
# inside the middleware that add security headers, so every answer carries them.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "diaspora_atlas.web.security.SecurityHeadersMiddleware",
    "diaspora_atlas.web.methods.MethodsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "diaspora_atlas.web.ready.StoreReadyMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": [], "debug": DEBUG},
    }
]
STATIC_URL = "/static/"
WHITENOISE_USE_FINDERS = True  # serve the app's static files without a collectstatic step
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_MAX_AGE = 3600  # URLs carry ?v=<content hash>, so a stale file is never shown
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Plain HTTP on loopback by default; behind a TLS proxy (DIASPORA_ATLAS_TLS_PROXY=1) requests
# it marks https are secure. HSTS (DIASPORA_ATLAS_HSTS_SECONDS) is sent on every response by
# web.security, so pages kept by the response cache carry it too; browsers heed it over HTTPS.
SECURE_HSTS_SECONDS = _settings.hsts_seconds
if _settings.tls_proxy:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _settings.tls_proxy
CSRF_COOKIE_HTTPONLY = True
APPEND_SLASH = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000_000
CSRF_FAILURE_VIEW = "diaspora_atlas.web.problems.csrf_failure"  # the documented error shape
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "diaspora_atlas": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
