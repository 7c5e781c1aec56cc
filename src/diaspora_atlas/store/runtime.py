"""Start Django for the store and make sure the database is reachable and migrated."""

from __future__ import annotations

import os
from pathlib import Path

from diaspora_atlas.errors import StoreError
from diaspora_atlas.settings import load_settings

SETTINGS_MODULE = "diaspora_atlas.djangosite"


def setup_django() -> None:
    """Configure Django once per process (idempotent)."""
    import django
    from django.apps import apps

    if apps.ready:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    django.setup()


def open_store(migrate: bool = True) -> str:
    """Connect, migrate, and return a printable description of the database."""
    settings = load_settings()
    if settings.is_sqlite:
        _prepare_sqlite_dir(settings.database_url)
    setup_django()
    from django.core.management import call_command
    from django.db import DatabaseError, connection

    where = describe_database()
    try:
        connection.ensure_connection()
        if migrate:
            call_command("migrate", verbosity=0, interactive=False)
    except DatabaseError as exc:
        raise StoreError(
            f"cannot open the database {where}: {str(exc).strip().splitlines()[0]}",
            "check DIASPORA_ATLAS_DATABASE_URL (docs/settings.md) and "
            + (
                "that the file is a readable, writable SQLite database (or delete it to start anew)"
                if connection.vendor == "sqlite"
                else "that the server runs and accepts this user and database"
            ),
        ) from exc
    return where


def _prepare_sqlite_dir(url: str) -> None:
    path = Path(url.removeprefix("sqlite:///"))
    if url.startswith("sqlite:///") and str(path) != ":memory:":
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the folder for the database {path}: {exc.strerror}",
                "set DIASPORA_ATLAS_HOME or DIASPORA_ATLAS_DATABASE_URL to a writable place",
            ) from exc


def describe_database() -> str:
    from django.db import connection

    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"SQLite {params['NAME']}"
    return f"{connection.vendor} {params.get('HOST') or 'localhost'}:{params.get('PORT') or ''}/{params['NAME']}"
