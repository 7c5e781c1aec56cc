"""How the client behaves: identity, timeouts, retries, politeness, limits, the guard."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from types import MappingProxyType

from diaspora_atlas.settings import HttpSettings, load_http_settings

PRODUCT = "DiasporaAtlas"


def _version() -> str:
    try:
        return version("diaspora-atlas")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0"


def user_agent(contact: str) -> str:
    """``DiasporaAtlas/<version> (+<contact>)``: names the tool and how to reach whoever runs
    it. The product token (``DiasporaAtlas``) is what robots.txt rules are matched against."""
    reach = contact.strip() or "no contact configured: set DIASPORA_ATLAS_HTTP_CONTACT"
    return f"{PRODUCT}/{_version()} (+{reach})"


@dataclass(frozen=True)
class HostPolicy:
    """Politeness for one host; None keeps the client's default.

    ``rate`` is requests per second (PubMed E-utilities: 3, or 10 with an API key); with
    ``delay`` (seconds between request starts) the longer spacing wins."""

    concurrency: int | None = None
    delay: float | None = None
    rate: float | None = None

    def interval(self, default_delay: float) -> float:
        delay = default_delay if self.delay is None else self.delay
        return max(delay, 1.0 / self.rate if self.rate else 0.0)


@dataclass(frozen=True)
class HttpConfig:
    """Every knob of the client. ``HttpConfig.from_settings()`` reads the environment;
    tests build one directly with tiny delays."""

    user_agent: str = field(default_factory=lambda: user_agent(""))
    contact: str = ""
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    #: the most one attempt (connect, send, read the whole body) may take
    total_timeout: float = 120.0
    max_retries: int = 3
    backoff_base: float = 0.5
    backoff_cap: float = 30.0
    #: a Retry-After longer than this is not waited for: the answer is returned as it is
    max_retry_after: float = 120.0
    concurrency: int = 128
    host_concurrency: int = 2
    host_delay: float = 0.5
    #: seconds an idle connection is kept for reuse; short, since a crawl of thousands of
    #: sites would otherwise hold one idle socket per site
    keepalive_timeout: float = 5.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 10
    robots_max_bytes: int = 500 * 1024
    #: longest robots.txt Crawl-delay honoured (longer ones are capped to this)
    max_crawl_delay: float = 30.0
    allow_private_addresses: bool = False
    #: networks exempt from the guard, e.g. ("192.168.1.20/32",) for a self-hosted SearXNG
    allowed_networks: tuple[str, ...] = ()
    host_policies: Mapping[str, HostPolicy] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def robots_token(self) -> str:
        """The user-agent token robots.txt groups are matched against."""
        return self.user_agent.split("/", 1)[0].strip() or PRODUCT

    @classmethod
    def from_settings(cls, settings: HttpSettings | None = None) -> HttpConfig:
        s = settings or load_http_settings()
        return cls(
            user_agent=s.user_agent or user_agent(s.contact),
            contact=s.contact,
            connect_timeout=s.connect_timeout,
            read_timeout=s.read_timeout,
            max_retries=s.max_retries,
            concurrency=s.concurrency,
            host_concurrency=s.host_concurrency,
            host_delay=s.host_delay,
            max_bytes=s.max_bytes,
            max_redirects=s.max_redirects,
            allow_private_addresses=s.allow_private_addresses,
            allowed_networks=s.allowed_networks,
        )
