"""Typed HTTP errors. Each carries the URL and the reason, so a caller (the website
verifier) can map it to an outcome without parsing messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from diaspora_atlas.errors import AtlasError

if TYPE_CHECKING:
    from diaspora_atlas.http.response import Redirect


class HttpError(AtlasError):
    """Root of every error the HTTP client raises."""

    #: short machine name of the failure; the verifier's outcome names follow it
    kind = "http_error"
    #: whether retrying the same request may succeed (nothing reached the server)
    retriable = False

    def __init__(self, url: str, reason: str, hint: str | None = None) -> None:
        self.url = url
        self.reason = reason
        #: the redirects followed before the failure, if any
        self.redirects: tuple[Redirect, ...] = ()
        super().__init__(f"{url}: {reason}", hint)


class InvalidUrl(HttpError):
    """The URL cannot be requested: no host, a malformed address, a bad redirect target."""

    kind = "invalid_url"


class BlockedAddress(HttpError):
    """The address guard refused the target (scheme, private/loopback/... address)."""

    kind = "blocked"

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(
            url,
            reason,
            "only public http(s) addresses are fetched (the guard is off for local test "
            "servers only)",
        )


class DnsFailure(HttpError):
    kind = "dns_failure"


class ConnectTimeout(HttpError):
    kind = "timeout"
    retriable = True


class ReadTimeout(HttpError):
    kind = "timeout"


class TlsFailure(HttpError):
    kind = "tls_error"


class ConnectionRefused(HttpError):
    kind = "connection_refused"
    retriable = True


class ConnectionFailed(HttpError):
    """Any other network failure (reset, unreachable network, server hung up)."""

    kind = "connection_failed"

    def __init__(self, url: str, reason: str, *, before_request: bool = False) -> None:
        super().__init__(url, reason)
        self.retriable = before_request


class TooManyRedirects(HttpError):
    kind = "too_many_redirects"

    def __init__(self, url: str, reason: str, chain: tuple[str, ...] = ()) -> None:
        super().__init__(url, reason)
        self.chain = chain


class ResponseTooLarge(HttpError):
    kind = "too_large"

    def __init__(self, url: str, reason: str, limit: int = 0) -> None:
        super().__init__(url, reason, "pass a larger max_bytes, or truncate=True to read a prefix")
        self.limit = limit


class RobotsDisallowed(HttpError):
    kind = "robots_disallowed"

    def __init__(self, url: str, reason: str, robots_url: str = "") -> None:
        super().__init__(url, reason)
        self.robots_url = robots_url


class HttpStatusError(HttpError):
    """Raised by ``HttpResponse.raise_for_status()`` for a 4xx or 5xx answer."""

    kind = "status"

    def __init__(self, url: str, reason: str, status: int = 0) -> None:
        super().__init__(url, reason)
        self.status = status


class UnrecordedRequest(HttpError):
    """Replay mode met a request its cassette does not hold."""

    kind = "unrecorded"

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(url, reason, "record it again with Cassette(path, mode='record')")


#: every error class by name, so a cassette can replay a recorded failure as itself
ERROR_TYPES: dict[str, type[HttpError]] = {
    cls.__name__: cls
    for cls in (
        HttpError,
        InvalidUrl,
        BlockedAddress,
        DnsFailure,
        ConnectTimeout,
        ReadTimeout,
        TlsFailure,
        ConnectionRefused,
        ConnectionFailed,
        TooManyRedirects,
        ResponseTooLarge,
        RobotsDisallowed,
        HttpStatusError,
    )
}


def rebuild_error(type_name: str, url: str, reason: str) -> HttpError:
    """An error of the recorded type (HttpError if the name is unknown)."""
    cls = ERROR_TYPES.get(type_name, HttpError)
    return cls(url, reason)
