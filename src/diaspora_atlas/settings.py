"""The one place for configuration. Every setting can be given as an environment variable
with the prefix ``DIASPORA_ATLAS_``; docs/settings.md lists them (a test keeps it true)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ENV_PREFIX = "DIASPORA_ATLAS_"
DEFAULT_PROTOCOL = "frehywot2019"


def _env(name: str, default: str) -> str:
    return os.environ.get(ENV_PREFIX + name, default)


@dataclass(frozen=True)
class Settings:
    """Resolved settings. ``home`` holds the default SQLite database and build outputs."""

    home: Path
    database_url: str
    out_dir: Path
    debug: bool
    secret_key: str
    allowed_hosts: tuple[str, ...] = field(default=("localhost", "127.0.0.1", "[::1]"))
    response_cache: bool = True
    protocol: str = DEFAULT_PROTOCOL

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite:")


# name -> (default, description); docs/settings.md is checked against this table.
SETTING_DOCS: dict[str, tuple[str, str]] = {
    "HOME": ("./var", "Folder for the default SQLite database and build outputs."),
    "DATABASE_URL": (
        "sqlite:///<HOME>/atlas.sqlite3",
        "Database URL: sqlite:///PATH (embedded default) or postgresql://USER@HOST:PORT/DB.",
    ),
    "OUT_DIR": (
        "<HOME>/build",
        "Where `build` and `report` write results when --out is not given.",
    ),
    "DEBUG": ("0", "1 turns on Django debug pages (never in production)."),
    "SECRET_KEY": ("(generated per install)", "Django secret key for the web directory."),
    "ALLOWED_HOSTS": (
        "localhost,127.0.0.1,[::1]",
        "Comma-separated host names the server answers.",
    ),
    "DATA_DIR": ("<repository>/data", "Folder of the bundled datasets (read-only at run time)."),
    "RESPONSE_CACHE": (
        "1",
        "0 turns off the web server's cache of finished pages (kept per data version); "
        "for measuring uncached speed or debugging.",
    ),
    "PROTOCOL": (
        DEFAULT_PROTOCOL,
        "The study protocol every command uses when --protocol is not given: a name in "
        "protocols/ or the path of a protocol file (docs/protocol.md).",
    ),
    "PROTOCOLS_DIR": (
        "<repository>/protocols",
        "Folder of the protocol files that protocol names refer to.",
    ),
}


def load_settings() -> Settings:
    home = Path(_env("HOME", "./var")).expanduser().resolve()
    database_url = _env("DATABASE_URL", f"sqlite:///{home / 'atlas.sqlite3'}")
    out_dir = Path(_env("OUT_DIR", str(home / "build"))).expanduser().resolve()
    hosts = tuple(h.strip() for h in _env("ALLOWED_HOSTS", "").split(",") if h.strip())
    return Settings(
        home=home,
        database_url=database_url,
        out_dir=out_dir,
        debug=_env("DEBUG", "0") == "1",
        secret_key=_env("SECRET_KEY", "diaspora-atlas-local-only-key"),
        allowed_hosts=hosts or ("localhost", "127.0.0.1", "[::1]"),
        response_cache=_env("RESPONSE_CACHE", "1") != "0",
        protocol=_env("PROTOCOL", DEFAULT_PROTOCOL).strip() or DEFAULT_PROTOCOL,
    )
