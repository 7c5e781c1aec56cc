"""What each route reads from its query string, parsed once by the rules of ``web.params``.

The directory's selection (``/organisations/``, its twin, its exports, ``/api/organisations``
and ``/api/facets``), the office filter (``/offices/`` and ``/api/offices``) and name
matching (``/api/match``). Each parsed query has a canonical query string: the page cache
keys on it, so parameters no route reads, a different order or spelling of the same
selection never make a second cache entry.

Facet filters: ``host``, ``origin``, ``continent``, ``income``, ``role``, ``presence``,
``verified``, ``website_today``, ``inventory``; each may repeat (``host=GBR&host=USA``) or
list values with commas, and several
values of one facet mean *any of them*; different facets must all hold. ``fy`` chooses the
fiscal year of the income groups (default: the latest). ``q`` searches names, aliases,
acronyms and mission text. ``sort``, ``page`` and ``per_page`` shape the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from diaspora_atlas.refdata import countries, fiscal_years
from diaspora_atlas.refdata.countries import PAPER_CONTINENTS, UN_REGIONS
from diaspora_atlas.store.directory import FACETS, MAX_PER_PAGE, SORTS, Selection
from diaspora_atlas.web import labels
from diaspora_atlas.web.params import (
    MAX_QUERY_STRING,
    QueryParams,
    Rule,
    choice,
    number,
    text,
    values,
)
from diaspora_atlas.web.problems import Problem

DEFAULT_PER_PAGE = 50
MAX_PAGE = 100_000
MAX_NAME = 300


def country_codes() -> list[str]:
    return sorted(countries())


def _continents() -> list[str]:
    # The values store.directory_index gives the continent facet.
    return sorted(UN_REGIONS | PAPER_CONTINENTS | {"Unknown"})


def _years() -> list[str]:
    return [str(y) for y in fiscal_years()]


def _codes(d: dict[str, str]) -> list[str]:
    return list(d)


Q = Rule("q", "text", "Full-text search: every word must match, as a prefix", max_length=200)
FACET_RULES = {
    "host": Rule("host", "list", "Host country (ISO3)", vocabulary=country_codes, upper=True),
    "origin": Rule("origin", "list", "Origin country (ISO3)", vocabulary=country_codes, upper=True),
    "continent": Rule(
        "continent", "list", "Continent of an origin country", vocabulary=_continents
    ),
    "income": Rule(
        "income",
        "list",
        "World Bank income group of an origin country in `fy`",
        vocabulary=lambda: _codes(labels.INCOME),
        upper=True,
    ),
    "role": Rule("role", "list", "A role code", vocabulary=lambda: _codes(labels.ROLES)),
    "presence": Rule(
        "presence", "list", "Online presence", vocabulary=lambda: _codes(labels.PRESENCE)
    ),
    "verified": Rule(
        "verified", "list", "Verification state", vocabulary=lambda: _codes(labels.VERIFIED)
    ),
    "website_today": Rule(
        "website_today",
        "list",
        "What the 2019 website is today (alive, moved, social only, parked, dead, not checked)",
        vocabulary=lambda: list(labels.website_today_labels()),
    ),
    "inventory": Rule(
        "inventory",
        "list",
        "Inventory (2019 list or 2026 update)",
        vocabulary=lambda: _codes(labels.INVENTORY),
    ),
}
FY = Rule(
    "fy", "number", "Fiscal year of the income groups (default: the latest)", vocabulary=_years
)
SORT = Rule("sort", "choice", "Order of the results", vocabulary=lambda: SORTS)
PAGE = Rule("page", "number", "Page of the results", low=1, high=MAX_PAGE)
PER_PAGE = Rule("per_page", "number", "Results per page", low=1, high=MAX_PER_PAGE)
SELECTION_RULES = (Q, *FACET_RULES.values(), FY, SORT, PAGE, PER_PAGE)

TYPE = Rule(
    "type", "choice", "Institution type", vocabulary=lambda: _codes(labels.INSTITUTION_TYPES)
)
COUNTRY = Rule("country", "choice", "Country (ISO3)", vocabulary=country_codes, upper=True)
OFFICE_RULES = (TYPE, COUNTRY)

NAME = Rule("name", "text", "An organisation's name", max_length=MAX_NAME, required=True)
MATCH_HOST = Rule("host", "choice", "Host country (ISO3)", vocabulary=country_codes, upper=True)
MATCH_ORIGIN = Rule(
    "origin", "choice", "Origin country (ISO3)", vocabulary=country_codes, upper=True
)
MATCH_RULES = (NAME, MATCH_HOST, MATCH_ORIGIN)
QUERIES = Rule(
    "queries",
    "text",
    "A batch of reconciliation queries as a JSON object (docs/api.md); without it, the manifest",
    max_length=MAX_QUERY_STRING,
)
_ISO3 = re.compile(r"[A-Za-z]{3}")


def latest_fiscal_year() -> int:
    return fiscal_years()[-1]


def parse_selection(params: QueryParams, per_page_default: int = DEFAULT_PER_PAGE) -> Selection:
    q = text(params, Q)
    sort = choice(params, SORT, "relevance" if q else "name")
    filters = {facet: values(params, FACET_RULES[facet]) for facet in FACETS}
    return Selection(
        q=q,
        filters={k: v for k, v in filters.items() if v},
        fiscal_year=number(params, FY, latest_fiscal_year()),
        sort="name" if sort == "relevance" and not q else sort,
        page=number(params, PAGE, 1),
        per_page=number(params, PER_PAGE, per_page_default),
    )


def selection_query(selection: Selection, **changes: object) -> str:
    """The URL query of a selection, with some parts changed (None removes a part)."""
    parts: dict[str, object] = {"q": selection.q}
    for facet, chosen in selection.filters.items():
        parts[facet] = list(chosen)
    if selection.fiscal_year != latest_fiscal_year():
        parts["fy"] = selection.fiscal_year
    default_sort = "relevance" if selection.q else "name"
    if selection.sort != default_sort:
        parts["sort"] = selection.sort
    if selection.page != 1:
        parts["page"] = selection.page
    if selection.per_page != DEFAULT_PER_PAGE:
        parts["per_page"] = selection.per_page
    parts.update(changes)
    pairs: list[tuple[str, object]] = []
    for key, value in parts.items():
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, list | tuple):
            pairs.extend((key, v) for v in value)
        else:
            pairs.append((key, value))
    return urlencode(pairs)


@dataclass(frozen=True)
class OfficeQuery:
    type: str = ""
    country: str = ""

    def query(self) -> str:
        return urlencode([(k, v) for k, v in (("type", self.type), ("country", self.country)) if v])


def parse_offices(params: QueryParams) -> OfficeQuery:
    return OfficeQuery(choice(params, TYPE), choice(params, COUNTRY))


@dataclass(frozen=True)
class MatchQuery:
    name: str
    host: str = ""
    origin: str = ""


def parse_match(params: QueryParams) -> MatchQuery:
    return MatchQuery(text(params, NAME), choice(params, MATCH_HOST), choice(params, MATCH_ORIGIN))


def country_path(iso3: str) -> str:
    """A country code in a path (/countries/<iso3>/): three letters, or a 404 saying so."""
    if not _ISO3.fullmatch(iso3):
        raise Problem(
            404, f"{iso3[:40]!r} is not a country code (use ISO 3166-1 alpha-3, e.g. NGA)."
        )
    return iso3.upper()
