"""Django settings for the store (and, later, the web directory), derived from our Settings."""

from __future__ import annotations

import dj_database_url

from diaspora_atlas.settings import load_settings

_settings = load_settings()

SECRET_KEY = _settings.secret_key
DEBUG = _settings.debug
ALLOWED_HOSTS = list(_settings.allowed_hosts)
INSTALLED_APPS = [
    "diaspora_atlas.store",
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
