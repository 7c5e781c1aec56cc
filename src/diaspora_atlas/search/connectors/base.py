"""One interface for the search services (search/connectors/): a connector sends one planned
query through the project's http client and returns what came back, the pages as received
(kept for audit) and the records read from them. It knows its service's request and answer
formats; politeness (per-host rates), retries and the address guard are the client's."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from yarl import URL

from diaspora_atlas.errors import AtlasError
from diaspora_atlas.http import HostPolicy, HttpClient, HttpResponse
from diaspora_atlas.model.records import SearchRecord
from diaspora_atlas.search.engines import EngineRule


class ConnectorError(AtlasError):
    """A service answered something the connector cannot read, or a setting is missing."""


@dataclass(frozen=True)
class Page:
    """One answer as received: kept under the run's raw folder, named by the query."""

    name: str  # e.g. "esearch", "efetch-0", "page-2"
    suffix: str  # file suffix: .xml, .json, .txt
    body: bytes


@dataclass
class Outcome:
    """What one query brought back. ``sent`` is the first request exactly as sent."""

    sent: str
    hits_reported: int | None = None
    records: list[SearchRecord] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    filters: str = ""


@dataclass(frozen=True)
class Request:
    """The query to send and the limits of this run."""

    run: str
    query: str
    limit: int  # the most records to retrieve


class Connector(Protocol):
    rule: EngineRule

    def host(self) -> str: ...

    def policy(self) -> HostPolicy: ...

    async def search(self, client: HttpClient, request: Request) -> Outcome: ...


def host_of(url: str) -> str:
    return URL(url).host or ""


class RuledConnector:
    """What every connector shares: its engine's rule (data/rules/engines.yaml), the host it
    asks (the rule's address) and that host's rate."""

    def __init__(self, rule: EngineRule) -> None:
        self.rule = rule

    def host(self) -> str:
        return host_of(self.rule.base_url)

    def policy(self) -> HostPolicy:
        return HostPolicy(rate=self.rule.rate)


def checked(response: HttpResponse, service: str) -> HttpResponse:
    """The answer, or ConnectorError with its status (4xx/5xx after the client's retries)."""
    if not response.ok:
        raise ConnectorError(f"{service} answered HTTP {response.status} {response.reason}".strip())
    return response


def json_object(response: HttpResponse, service: str) -> dict[str, object]:
    try:
        data = response.json()
    except ValueError as exc:
        raise ConnectorError(f"{service} did not answer JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ConnectorError(f"{service} answered JSON that is not an object")
    return data
