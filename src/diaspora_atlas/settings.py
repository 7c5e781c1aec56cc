"""The one place for configuration. Every setting can be given as an environment variable
with the prefix ``DIASPORA_ATLAS_``; docs/settings.md lists them (a test keeps it true)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from diaspora_atlas.errors import AtlasError, UsageError

ENV_PREFIX = "DIASPORA_ATLAS_"
_N = TypeVar("_N", int, float)
SECRET_KEY_FILE = "secret_key"
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
    configured_secret_key: str = ""  # DIASPORA_ATLAS_SECRET_KEY; empty: the generated one
    allowed_hosts: tuple[str, ...] = field(default=("localhost", "127.0.0.1", "[::1]"))
    response_cache: bool = True
    hsts_seconds: int = 0
    tls_proxy: bool = False
    protocol: str = DEFAULT_PROTOCOL

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
    # The HTTP client (diaspora_atlas.http; docs/http.md)
    "HTTP_CONTACT": (
        "(none)",
        "URL or e-mail address put in the HTTP User-Agent so site owners can reach whoever "
        "runs the Atlas; set it before any real crawl or search.",
    ),
    "HTTP_USER_AGENT": (
        "DiasporaAtlas/<version> (+<HTTP_CONTACT>)",
        "Replaces the whole User-Agent; its first word is the robots.txt token.",
    ),
    "HTTP_CONNECT_TIMEOUT": ("10", "Seconds allowed to resolve a name and connect."),
    "HTTP_READ_TIMEOUT": ("30", "Seconds allowed between two reads of an answer."),
    "HTTP_MAX_RETRIES": (
        "3",
        "Retries after a connect error, 429 or 503 (exponential backoff with jitter, "
        "Retry-After honoured).",
    ),
    "HTTP_CONCURRENCY": ("128", "Requests in flight at once, all hosts together."),
    "HTTP_HOST_CONCURRENCY": ("2", "Requests in flight at once to one host."),
    "HTTP_HOST_DELAY": ("0.5", "Seconds between the starts of two requests to one host."),
    "HTTP_MAX_BYTES": ("10485760", "Largest response body read (bytes, after decompression)."),
    "HTTP_MAX_REDIRECTS": ("10", "Redirects followed before giving up."),
    "HTTP_ALLOW_PRIVATE_ADDRESSES": (
        "0",
        "1 switches the address guard off (private, loopback, link-local targets allowed): "
        "for local test servers only; the client logs a warning.",
    ),
    "HTTP_ALLOWED_NETWORKS": (
        "(none)",
        "Comma-separated networks exempt from the address guard, e.g. a self-hosted SearXNG "
        "at 192.168.1.20/32.",
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
    "PROTOCOL": (
        DEFAULT_PROTOCOL,
        "The study protocol every command uses when --protocol is not given: a name in "
        "protocols/ or the path of a protocol file (docs/protocol.md).",
    ),
    "PROTOCOLS_DIR": (
        "<repository>/protocols",
        "Folder of the protocol files that protocol names refer to.",
    ),
    # Search connectors (diaspora_atlas.search.connectors; docs/search.md)
    "NCBI_API_KEY": (
        "(none)",
        "NCBI E-utilities API key: PubMed searches may send 10 requests a second instead of 3.",
    ),
    "SCOPUS_API_KEY": (
        "(none)",
        "Elsevier API key (sent as X-ELS-APIKey) for Scopus searches; without it `search run "
        "--engine scopus` stops with a message.",
    ),
    "SEARXNG_URL": (
        "(none)",
        "Base URL of a self-hosted SearXNG instance with the JSON format enabled, e.g. "
        "http://192.168.1.20:8080 (add its network to HTTP_ALLOWED_NETWORKS).",
    ),
    "SEARCH_MAX_RECORDS": (
        "1000",
        "Most records a connector fetches for one query (the hits reported are still recorded).",
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
        protocol=_env("PROTOCOL", DEFAULT_PROTOCOL).strip() or DEFAULT_PROTOCOL,
    )


@dataclass(frozen=True)
class HttpSettings:
    """Settings of the HTTP client (``diaspora_atlas.http.HttpConfig.from_settings``)."""

    contact: str
    user_agent: str
    connect_timeout: float
    read_timeout: float
    max_retries: int
    concurrency: int
    host_concurrency: int
    host_delay: float
    max_bytes: int
    max_redirects: int
    allow_private_addresses: bool
    allowed_networks: tuple[str, ...]


def _number(kind: type[_N], name: str, text: str) -> _N:
    try:
        value = kind(text)
    except ValueError:
        raise UsageError(
            f"{ENV_PREFIX}{name}={text!r} is not a number",
            f"give a {'whole number' if kind is int else 'number'}, or unset it for the default",
        ) from None
    if value < 0:
        raise UsageError(f"{ENV_PREFIX}{name}={text!r} is negative", "give a positive number")
    return value


def load_http_settings() -> HttpSettings:
    networks = _env("HTTP_ALLOWED_NETWORKS", "")
    return HttpSettings(
        contact=_env("HTTP_CONTACT", ""),
        user_agent=_env("HTTP_USER_AGENT", ""),
        connect_timeout=_number(float, "HTTP_CONNECT_TIMEOUT", _env("HTTP_CONNECT_TIMEOUT", "10")),
        read_timeout=_number(float, "HTTP_READ_TIMEOUT", _env("HTTP_READ_TIMEOUT", "30")),
        max_retries=_number(int, "HTTP_MAX_RETRIES", _env("HTTP_MAX_RETRIES", "3")),
        concurrency=_number(int, "HTTP_CONCURRENCY", _env("HTTP_CONCURRENCY", "128")),
        host_concurrency=_number(int, "HTTP_HOST_CONCURRENCY", _env("HTTP_HOST_CONCURRENCY", "2")),
        host_delay=_number(float, "HTTP_HOST_DELAY", _env("HTTP_HOST_DELAY", "0.5")),
        max_bytes=_number(int, "HTTP_MAX_BYTES", _env("HTTP_MAX_BYTES", str(10 * 1024 * 1024))),
        max_redirects=_number(int, "HTTP_MAX_REDIRECTS", _env("HTTP_MAX_REDIRECTS", "10")),
        allow_private_addresses=_env("HTTP_ALLOW_PRIVATE_ADDRESSES", "0") == "1",
        allowed_networks=tuple(n.strip() for n in networks.split(",") if n.strip()),
    )


def _seconds(name: str, text: str) -> int:
    return _number(int, name, text.strip())


@dataclass(frozen=True)
class SearchSettings:
    """Settings of the search connectors (keys are never logged or written to a cassette)."""

    ncbi_api_key: str
    scopus_api_key: str
    searxng_url: str
    max_records: int


def load_search_settings() -> SearchSettings:
    return SearchSettings(
        ncbi_api_key=_env("NCBI_API_KEY", "").strip(),
        scopus_api_key=_env("SCOPUS_API_KEY", "").strip(),
        searxng_url=_env("SEARXNG_URL", "").strip().rstrip("/"),
        max_records=_number(int, "SEARCH_MAX_RECORDS", _env("SEARCH_MAX_RECORDS", "1000")),
    )
