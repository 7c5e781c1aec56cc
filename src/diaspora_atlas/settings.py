"""The one place for configuration. Every setting can be given as an environment variable
with the prefix ``DIASPORA_ATLAS_``; docs/settings.md lists them (a test keeps it true)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from diaspora_atlas.errors import AtlasError

ENV_PREFIX = "DIASPORA_ATLAS_"
SECRET_KEY_FILE = "secret_key"


def _env(name: str, default: str) -> str:
    return os.environ.get(ENV_PREFIX + name, default)


@dataclass(frozen=True)
class Settings:
    """Resolved settings. ``home`` holds the default SQLite database and build outputs."""

    home: Path
    database_url: str
    out_dir: Path
    debug: bool
    configured_secret_key: str = ""  # DIASPORA_ATLAS_SECRET_KEY; empty: the generated one
    allowed_hosts: tuple[str, ...] = field(default=("localhost", "127.0.0.1", "[::1]"))
    response_cache: bool = True
    hsts_seconds: int = 0
    tls_proxy: bool = False

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite:")

    @property
    def secret_key(self) -> str:
        """DIASPORA_ATLAS_SECRET_KEY, else this install's key, generated on first use into
        ``<home>/secret_key`` (mode 0600) and read from there ever after."""
        return self.configured_secret_key or installed_secret_key(self.home / SECRET_KEY_FILE)


def installed_secret_key(path: Path) -> str:
    """The key stored at ``path``, made once: written whole to a private temporary file, then
    linked into place, so processes starting together agree on one key and none reads half."""
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(secrets.token_urlsafe(50) + "\n")
            try:
                os.link(partial, path)
            except FileExistsError:
                pass  # another process made it first: use theirs
            finally:
                partial.unlink()
        except OSError as exc:
            raise AtlasError(
                f"cannot store the generated secret key in {path}: {exc.strerror}",
                f"make {path.parent} writable, or set {ENV_PREFIX}SECRET_KEY",
            ) from exc
    key = path.read_text(encoding="utf-8").strip() if path.is_file() else ""
    if not key:
        raise AtlasError(
            f"the secret key file {path} is empty or not a file",
            f"delete it to have a new key generated, or set {ENV_PREFIX}SECRET_KEY",
        )
    return key


# name -> (default, description); docs/settings.md is checked against this table.
SETTING_DOCS: dict[str, tuple[str, str]] = {
    "HOME": (
        "./var",
        "Folder for the default SQLite database, build outputs and the generated secret key.",
    ),
    "DATABASE_URL": (
        "sqlite:///<HOME>/atlas.sqlite3",
        "Database URL: sqlite:///PATH (embedded default) or postgresql://USER@HOST:PORT/DB.",
    ),
    "OUT_DIR": (
        "<HOME>/build",
        "Where `build` and `report` write results when --out is not given.",
    ),
    "DEBUG": ("0", "1 turns on Django debug pages (never in production)."),
    "SECRET_KEY": (
        "(generated once into <HOME>/secret_key)",
        "Django secret key for the web directory. Unset, a random key is generated on first use "
        "and kept in <HOME>/secret_key (mode 0600; never commit it: var/ is in .gitignore). Set it to share one "
        "key between servers.",
    ),
    "ALLOWED_HOSTS": (
        "localhost,127.0.0.1,[::1]",
        "Comma-separated host names the server answers. `serve --host ADDRESS` adds that "
        "address; to reach a server on 0.0.0.0 by this machine's name, add the name here.",
    ),
    "DATA_DIR": ("<repository>/data", "Folder of the bundled datasets (read-only at run time)."),
    "RESPONSE_CACHE": (
        "1",
        "0 turns off the web server's cache of finished pages (kept per data version); "
        "for measuring uncached speed or debugging.",
    ),
    "HSTS_SECONDS": (
        "0",
        "Behind TLS: seconds browsers should use only HTTPS for this site "
        "(Strict-Transport-Security max-age; browsers ignore it over plain HTTP). 0 = off; "
        "start small (300), then 31536000 once HTTPS works.",
    ),
    "TLS_PROXY": (
        "0",
        "1 when the server sits behind a proxy that terminates TLS and sets X-Forwarded-Proto: "
        "requests it marks https count as secure (https links, secure cookies). Only with a "
        "proxy that always sets or strips that header.",
    ),
}


def load_settings() -> Settings:
    home = Path(_env("HOME", "./var")).expanduser().resolve()
    database_url = _env("DATABASE_URL", f"sqlite:///{home / 'atlas.sqlite3'}")
    out_text = _env("OUT_DIR", str(home / "build"))
    # Absolute without following a link: the build refuses to write through one.
    out_dir = Path(os.path.abspath(Path(out_text).expanduser()))  # noqa: PTH100
    hosts = tuple(h.strip() for h in _env("ALLOWED_HOSTS", "").split(",") if h.strip())
    return Settings(
        home=home,
        database_url=database_url,
        out_dir=out_dir,
        debug=_env("DEBUG", "0") == "1",
        configured_secret_key=_env("SECRET_KEY", ""),
        allowed_hosts=hosts or ("localhost", "127.0.0.1", "[::1]"),
        response_cache=_env("RESPONSE_CACHE", "1") != "0",
        hsts_seconds=_seconds("HSTS_SECONDS", _env("HSTS_SECONDS", "0")),
        tls_proxy=_env("TLS_PROXY", "0") == "1",
    )


def _seconds(name: str, text: str) -> int:
    if not text.strip().isascii() or not text.strip().isdigit():
        raise AtlasError(
            f"{ENV_PREFIX}{name}={text!r} is not a whole number of seconds", "e.g. 0 or 31536000"
        )
    return int(text)
