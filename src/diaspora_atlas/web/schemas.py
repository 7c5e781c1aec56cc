"""The API's response shapes (pydantic, via django-ninja); docs/api.md describes them and
tests pin them through /api/openapi.json."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema


class ErrorBody(Schema):
    status: int
    code: str
    message: str


class Error(Schema):
    error: ErrorBody


class Origin(Schema):
    iso3: str
    name: str


class OrganisationSummary(Schema):
    id: str
    name: str
    paper_row: int | None
    host_iso3: str
    host_name: str
    origins: list[Origin]
    origin_subnational: str
    website: str
    online_presence: str
    roles: list[str]
    founded_year: int | None
    hq_city: str
    mission_summary: str
    aliases: list[str]
    acronyms: list[str]  # stated in a source, then derived from the name's initials
    acronyms_stated: list[str]
    last_verified: str | None
    website_today: str = ""
    url: str


class FacetValue(Schema):
    value: str
    label: str
    count: int
    selected: bool
    href: str


class Facet(Schema):
    facet: str
    title: str
    values: list[FacetValue]


class Query(Schema):
    q: str
    filters: dict[str, list[str]]
    fiscal_year: int
    sort: str
    page: int
    per_page: int


class OrganisationList(Schema):
    query: Query
    total: int
    pages: int
    results: list[OrganisationSummary]
    facets: list[Facet]
    links: dict[str, str | None]


class FacetList(Schema):
    query: Query
    total: int
    facets: list[Facet]


class Statement(Schema):
    value: str
    original_value: str
    source_id: str
    source_url: str
    dataset: str
    retrieved_at: str
    rationale: str
    inferred_from: str
    preferred: bool
    proposed: bool = False
    chosen: bool = False
    choice_reason: str = ""
    choice_explanation: str = ""
    rejected: str = ""  # a person's judgement that this value is wrong, in words


class ShownStatement(Statement):
    display: str  # the value in words: a country's name, a vocabulary label


class FactRow(Schema):
    property: str
    label: str
    conflict: bool
    statements: list[ShownStatement]


class HistoryRow(Schema):
    prop: str
    value: str
    source_id: str
    source_url: str
    dataset: str
    event: str
    at: str
    load: int | None
    note: str = ""


class SourceInfo(Schema):
    id: str
    kind: str
    title: str
    url: str
    licence: str
    publisher: str
    retrieved_at: str
    dated: str
    citation: str


class Location(Schema):
    city: str
    region: str
    country_iso3: str
    lat: float | None
    lon: float | None
    precision: str
    region_word: str  # the host's word for its regions: "state", "nation", ...


class CheckRow(Schema):
    url: str
    checked_at: str
    outcome: str = ""
    evidence: str = ""
    final_url: str = ""
    status: str = ""
    title: str = ""
    content_hash: str = ""
    archived_url: str = ""
    title_changed: bool = False
    content_changed: bool = False


class OrganisationDetail(Schema):
    organisation: OrganisationSummary
    facts: list[FactRow]
    conflicts: list[str]
    narrative: list[Statement]
    not_found: list[Statement]
    sources: dict[str, SourceInfo]
    history: list[HistoryRow]
    last_modified: str
    last_verified: str | None
    location: Location
    checks: list[CheckRow] = Field(default_factory=list)
    focuses: dict[str, Any]  # model.focuses.focus_record: the column and each label's evidence


class Event(Schema):
    kind: str
    year_from: int | None = None
    year_to: int | None = None
    detail: str = ""


class Office(Schema):
    id: str
    name: str
    parent: str
    country_iso3: str
    country_name: str
    institution_type: str
    is_government_body: bool
    websites: list[str]
    events: list[Event]
    established: int | None
    url: str


class TypeCount(Schema):
    value: str
    label: str
    count: int
    selected: bool


class Table2Row(Schema):
    id: str
    row: int
    country_text: str
    country_iso3: list[str]
    status: str
    office_text: str
    website_text: str
    year_text: str


class OfficeList(Schema):
    query: dict[str, str]
    total: int
    types: list[TypeCount]
    offices: list[Office]
    table2: list[Table2Row]


class OfficeDetail(Schema):
    office: Office
    facts: list[FactRow]
    listings: list[Table2Row]
    sources: dict[str, SourceInfo]
    history: list[HistoryRow]
    last_modified: str


class CountryRow(Schema):
    iso3: str
    name: str
    region: str
    income_group: str
    organisations_from: int
    organisations_hosted: int
    government_bodies: int
    in_table2: bool
    url: str


class CountryList(Schema):
    total: int
    countries: list[CountryRow]


class CountryInfo(Schema):
    iso3: str
    iso2: str
    name: str
    official_name: str
    region: str
    subregion: str
    wb_region: str


class IncomeYear(Schema):
    fiscal_year: int
    group: str
    label: str


class HostGroup(Schema):
    host_iso3: str
    host_name: str
    organisations: list[OrganisationSummary]


class AsOrigin(Schema):
    total: int
    by_host: list[HostGroup]
    offices: list[Office]
    table2_rows: list[Table2Row]


class AsHost(Schema):
    total: int
    organisations: list[OrganisationSummary]


class CountryDetail(Schema):
    country: CountryInfo
    income_history: list[IncomeYear]
    income_changes: list[dict[str, Any]]
    as_origin: AsOrigin
    as_host: AsHost
    synthesis: (
        dict[str, Any] | None
    )  # report.profiles.country_profile (None: not an LMIC or origin)


class MatchedOrganisation(Schema):
    id: str
    name: str
    host_iso3: str
    origin_iso3: list[str]
    url: str


class MatchItem(Schema):
    score: float
    matching_type: str
    matched: str
    chosen: bool
    organisation: MatchedOrganisation


class MatchResult(Schema):
    query: str
    number_of_results: int
    items: list[MatchItem]
