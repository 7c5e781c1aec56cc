"""The search connectors, one per service, behind one interface (``base.Connector``); which
engine has one is data (``run_by: api`` in data/rules/engines.yaml), how to talk to it is
code here."""

from __future__ import annotations

from diaspora_atlas.errors import UsageError
from diaspora_atlas.search.connectors.base import Connector, ConnectorError, Outcome, Request
from diaspora_atlas.search.connectors.europepmc import EuropePmc
from diaspora_atlas.search.connectors.openalex import OpenAlex
from diaspora_atlas.search.connectors.pubmed import PubMed
from diaspora_atlas.search.connectors.scopus import Scopus
from diaspora_atlas.search.connectors.searxng import SearXNG
from diaspora_atlas.search.engines import engine_rule
from diaspora_atlas.settings import SearchSettings

__all__ = ["CONNECTED", "Connector", "ConnectorError", "Outcome", "Request", "connector_for"]

CONNECTED = ("pubmed", "europe_pmc", "openalex", "scopus", "searxng")


def connector_for(engine: str, settings: SearchSettings, contact: str = "") -> Connector:
    """The connector of an engine; ConnectorError when a setting it needs is missing."""
    rule = engine_rule(engine)
    if engine == "pubmed":
        return PubMed(rule, settings.ncbi_api_key)
    if engine == "europe_pmc":
        return EuropePmc(rule)
    if engine == "openalex":
        return OpenAlex(rule, contact)
    if engine == "scopus":
        return Scopus(rule, settings.scopus_api_key)
    if engine == "searxng":
        return SearXNG(rule, settings.searxng_url)
    raise UsageError(
        f"no connector for engine {engine!r}",
        f"engines with one: {', '.join(CONNECTED)}; run the others by hand and `search import`",
    )
