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

Countries (``host``, ``origin``, ``country``) are ISO3 codes or any name the reference data
knows ("UK", "Ghana", "Burma"): a name is resolved to its code first (``refdata``'s
resolver), then checked; a name no country answers to, or one several answer to, is a 400
saying so, never an empty list. ``fy`` defaults to the study protocol's LMIC year on every
page (``web.numbers.default_fiscal_year``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote_plus, urlencode

from diaspora_atlas.refdata import AmbiguousCountryError, countries, find_country, fiscal_years
from diaspora_atlas.refdata.countries import PAPER_CONTINENTS, UN_REGIONS
from diaspora_atlas.refdata.resolve import suggest
from diaspora_atlas.store.directory import FACETS, MAX_PER_PAGE, SORTS, Selection
from diaspora_atlas.web import labels
from diaspora_atlas.web.numbers import default_fiscal_year
from diaspora_atlas.web.params import (
    MAX_QUERY_STRING,
    QueryParams,
    Rule,
    choice,
    invalid,
    number,
    text,
    values,
)
from diaspora_atlas.web.problems import Problem
from diaspora_atlas.web.scope import site_protocol

DEFAULT_PER_PAGE = 50
MAX_PAGE = 100_000
MAX_NAME = 300


def country_codes() -> list[str]:
    return sorted(countries())


def _continents() -> list[str]:
    # The values store.directory_index gives the continent facet.
    return sorted(UN_REGIONS | PAPER_CONTINENTS | {"Unknown"})


def country_code(name: str) -> Callable[[str], str]:
    """The resolver of a country parameter: any spelling the reference data knows -> ISO3."""

    def resolve(raw: str) -> str:
        try:
            found = find_country(raw)
        except AmbiguousCountryError as exc:
            raise invalid(
                f"{name} {raw[:40]!r} could be {', '.join(exc.suggestions)}: "
                "use the country's own name or its ISO3 code"
            ) from exc
        if found is None:
            close = suggest(raw)[:1]
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise invalid(
                f"{name} {raw[:40]!r} is not a country we know{hint}: use a country's name "
                "or its ISO3 code, e.g. GHA"
            )
        return found.iso3

    return resolve


def _years() -> list[str]:
    return [str(y) for y in fiscal_years()]


def _codes(d: dict[str, str]) -> list[str]:
    return list(d)


Q = Rule("q", "text", "Full-text search: every word must match, as a prefix", max_length=200)
FACET_RULES = {
    "host": Rule(
        "host",
        "list",
        "Host country: ISO3 code or name",
        vocabulary=country_codes,
        upper=True,
        resolve=country_code("host"),
    ),
    "origin": Rule(
        "origin",
        "list",
        "Origin country: ISO3 code or name",
        vocabulary=country_codes,
        upper=True,
        resolve=country_code("origin"),
    ),
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
    "fy",
    "number",
    "Fiscal year of the income groups (default: the study protocol's LMIC year)",
    vocabulary=_years,
)
SORT = Rule("sort", "choice", "Order of the results", vocabulary=lambda: SORTS)
PAGE = Rule("page", "number", "Page of the results", low=1, high=MAX_PAGE)
PER_PAGE = Rule("per_page", "number", "Results per page", low=1, high=MAX_PER_PAGE)
SELECTION_RULES = (Q, *FACET_RULES.values(), FY, SORT, PAGE, PER_PAGE)

TYPE = Rule(
    "type", "choice", "Institution type", vocabulary=lambda: _codes(labels.INSTITUTION_TYPES)
)
COUNTRY = Rule(
    "country",
    "choice",
    "Country: ISO3 code or name",
    vocabulary=country_codes,
    upper=True,
    resolve=country_code("country"),
)
OFFICE_RULES = (TYPE, COUNTRY)

NAME = Rule("name", "text", "An organisation's name", max_length=MAX_NAME, required=True)
MATCH_HOST = Rule(
    "host",
    "choice",
    "Host country: ISO3 code or name",
    vocabulary=country_codes,
    upper=True,
    resolve=country_code("host"),
)
MATCH_ORIGIN = Rule(
    "origin",
    "choice",
    "Origin country: ISO3 code or name",
    vocabulary=country_codes,
    upper=True,
    resolve=country_code("origin"),
)
MATCH_RULES = (NAME, MATCH_HOST, MATCH_ORIGIN)
QUERIES = Rule(
    "queries",
    "text",
    "A batch of reconciliation queries as a JSON object (docs/api.md); without it, the manifest",
    max_length=MAX_QUERY_STRING,
)
_ISO3 = re.compile(r"[A-Za-z]{3}")


def parse_selection(params: QueryParams, per_page_default: int = DEFAULT_PER_PAGE) -> Selection:
    q = text(params, Q)
    sort = choice(params, SORT, "relevance" if q else "name")
    filters = {facet: values(params, FACET_RULES[facet]) for facet in FACETS}
    return Selection(
        q=q,
        filters={k: v for k, v in filters.items() if v},
        fiscal_year=number(params, FY, default_fiscal_year()),
        sort="name" if sort == "relevance" and not q else sort,
        page=number(params, PAGE, 1),
        per_page=number(params, PER_PAGE, per_page_default),
    )


def selection_query(selection: Selection, **changes: object) -> str:
    """The URL query of a selection, with some parts changed (None removes a part)."""
    return _encode(_selection_parts(selection, changes))


def toggled_query(selection: Selection) -> Callable[[str, list[str]], str]:
    """``selection_query(selection, **{facet: chosen, "page": None})`` for many facet values:
    the other parts are encoded once (a list page links every facet value)."""
    parts = _selection_parts(selection, {"page": None})
    encoded = {key: _encode({key: value}) for key, value in parts.items()}

    def query(facet: str, chosen: list[str]) -> str:
        mine = "&".join(f"{_quoted(facet)}={_quoted(str(v))}" for v in chosen)
        segments = [mine if key == facet else encoded[key] for key in parts]
        if facet not in parts:
            segments.append(mine)
        return "&".join(s for s in segments if s)

    return query


@functools.lru_cache(maxsize=4096)
def _quoted(text: str) -> str:
    """A query value encoded (facet values are a small vocabulary: codes, countries)."""
    return quote_plus(text)


def _selection_parts(selection: Selection, changes: dict[str, object]) -> dict[str, object]:
    parts: dict[str, object] = {"q": selection.q}
    for facet, chosen in selection.filters.items():
        parts[facet] = list(chosen)
    if selection.fiscal_year != default_fiscal_year():
        parts["fy"] = selection.fiscal_year
    default_sort = "relevance" if selection.q else "name"
    if selection.sort != default_sort:
        parts["sort"] = selection.sort
    parts["page"] = selection.page if selection.page != 1 else None
    parts["per_page"] = selection.per_page if selection.per_page != DEFAULT_PER_PAGE else None
    parts.update(changes)
    return parts


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


def _country_sorts() -> list[str]:
    keys = ["name", "region", "income", "organisations", "hosted", "bodies", "roles"]
    keys += [f"in-{h}" for h in site_protocol().host_iso3s]
    return [s for k in keys for s in (k, f"-{k}")]


COUNTRY_SORT = Rule("sort", "choice", "Order of the countries", vocabulary=_country_sorts)
REGION = Rule("region", "list", "UN M49 region", vocabulary=lambda: sorted(UN_REGIONS))
COUNTRY_INCOME = Rule(
    "income",
    "list",
    "World Bank income group in `fy`",
    vocabulary=lambda: _codes(labels.INCOME),
    upper=True,
)
OFFICE = Rule(
    "office",
    "choice",
    "With a government diaspora body (yes) or without (no)",
    vocabulary=lambda: ("yes", "no"),
)
COUNTRY_RULES = (
    COUNTRY_SORT,
    REGION,
    COUNTRY_INCOME,
    FY,
    OFFICE,
    FACET_RULES["role"],
    FACET_RULES["host"],
)
MAX_COMPARED = 6
COMPARED = Rule(
    "country",
    "list",
    f"Countries to compare (up to {MAX_COMPARED}): ISO3 codes or names",
    vocabulary=country_codes,
    upper=True,
    resolve=country_code("country"),
)
COMPARE_RULES = (COMPARED, FY)


@dataclass(frozen=True)
class CountryQuery:
    """The countries table: its order, filters and the organisations it counts (by role,
    by host)."""

    sort: str = "name"
    region: tuple[str, ...] = ()
    income: tuple[str, ...] = ()
    fiscal_year: int = 0
    office: str = ""
    role: tuple[str, ...] = ()
    host: tuple[str, ...] = ()

    def query(self, **changes: object) -> str:
        parts: dict[str, object] = {
            "sort": None if self.sort == "name" else self.sort,
            "region": list(self.region),
            "income": list(self.income),
            "fy": None if self.fiscal_year == default_fiscal_year() else self.fiscal_year,
            "office": self.office,
            "role": list(self.role),
            "host": list(self.host),
        }
        parts.update(changes)
        return _encode(parts)


def _encode(parts: dict[str, object]) -> str:
    pairs: list[tuple[str, object]] = []
    for key, value in parts.items():
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, list | tuple):
            pairs.extend((key, v) for v in value)
        else:
            pairs.append((key, value))
    return urlencode(pairs)


def parse_countries(params: QueryParams) -> CountryQuery:
    return CountryQuery(
        sort=choice(params, COUNTRY_SORT, "name"),
        region=values(params, REGION),
        income=values(params, COUNTRY_INCOME),
        fiscal_year=number(params, FY, default_fiscal_year()),
        office=choice(params, OFFICE),
        role=values(params, FACET_RULES["role"]),
        host=values(params, FACET_RULES["host"]),
    )


@dataclass(frozen=True)
class CompareQuery:
    countries: tuple[str, ...] = ()
    fiscal_year: int = 0

    def query(self) -> str:
        fy = None if self.fiscal_year == default_fiscal_year() else self.fiscal_year
        return _encode({"country": list(self.countries), "fy": fy})


def parse_compare(params: QueryParams) -> CompareQuery:
    chosen = values(params, COMPARED)
    if len(chosen) > MAX_COMPARED:
        raise invalid(f"country: compare at most {MAX_COMPARED} countries, not {len(chosen)}")
    return CompareQuery(chosen, number(params, FY, default_fiscal_year()))


@dataclass(frozen=True)
class YearQuery:
    """A page that reads only the fiscal year of its income groups (home)."""

    fiscal_year: int = 0

    def query(self) -> str:
        fy = None if self.fiscal_year == default_fiscal_year() else self.fiscal_year
        return _encode({"fy": fy})


def parse_year(params: QueryParams) -> YearQuery:
    return YearQuery(number(params, FY, default_fiscal_year()))


def country_route(raw: str) -> str:
    """The ISO3 code a country path names: a code (any case) or any name the reference data
    knows ("/countries/Nigeria/" -> NGA); a 404 saying so otherwise."""
    code = raw.upper()
    if _ISO3.fullmatch(raw) and code in countries():
        return code
    try:
        found = find_country(raw.replace("-", " ").replace("_", " "))
    except AmbiguousCountryError as exc:
        raise Problem(
            404, f"{raw[:40]!r} could be {', '.join(exc.suggestions)}: use its ISO3 code."
        ) from exc
    if found is None:
        close = suggest(raw)[:1]
        hint = f" Did you mean {close[0]}?" if close else ""
        raise Problem(404, f"There is no country {raw[:40]!r}.{hint}")
    return found.iso3
