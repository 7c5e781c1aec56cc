"""The one HTTP client of the Atlas (docs/http.md): async first, polite (robots.txt,
per-host limits and delays, backoff honouring Retry-After), safe (no private, loopback or
otherwise internal targets, checked after DNS and at every redirect hop), size-capped, and
recorded/replayed in tests through a Cassette.

May import ``errors``, ``settings`` and ``model`` of the Atlas only."""

from diaspora_atlas.http.cassette import Cassette
from diaspora_atlas.http.client import HttpClient
from diaspora_atlas.http.config import HostPolicy, HttpConfig, user_agent
from diaspora_atlas.http.errors import (
    BlockedAddress,
    ConnectionFailed,
    ConnectionRefused,
    ConnectTimeout,
    DnsFailure,
    HttpError,
    HttpStatusError,
    InvalidUrl,
    ReadTimeout,
    ResponseTooLarge,
    RobotsDisallowed,
    TlsFailure,
    TooManyRedirects,
    UnrecordedRequest,
)
from diaspora_atlas.http.guard import AddressGuard, forbidden_reason
from diaspora_atlas.http.resolver import Resolver, StaticResolver, SystemResolver
from diaspora_atlas.http.response import HttpResponse, Redirect
from diaspora_atlas.http.sync import SyncHttpClient, fetch

__all__ = [
    "AddressGuard",
    "BlockedAddress",
    "Cassette",
    "ConnectTimeout",
    "ConnectionFailed",
    "ConnectionRefused",
    "DnsFailure",
    "HostPolicy",
    "HttpClient",
    "HttpConfig",
    "HttpError",
    "HttpResponse",
    "HttpStatusError",
    "InvalidUrl",
    "ReadTimeout",
    "Redirect",
    "Resolver",
    "ResponseTooLarge",
    "RobotsDisallowed",
    "StaticResolver",
    "SyncHttpClient",
    "SystemResolver",
    "TlsFailure",
    "TooManyRedirects",
    "UnrecordedRequest",
    "fetch",
    "forbidden_reason",
    "user_agent",
]
