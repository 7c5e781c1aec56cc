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
    hq_region: str = ""  # the state or region in words ("Illinois")
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


class FiscalYear(Schema):
    fiscal_year: int  # the World Bank fiscal year of the income groups shown
    default: int  # the study protocol's LMIC year: every page's default
    is_default: bool
    note: str


class SearchCountry(Schema):
    text: str
    iso3: list[str]


class SearchRead(Schema):
    """How the search text was read: countries named, words looked for, typos corrected."""

    countries: list[SearchCountry]
    words: list[str]
    corrected: str  # the query with its typos corrected, "" when none was


class OrganisationList(Schema):
    query: Query
    search: SearchRead
    fiscal_year: FiscalYear
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
    chosen: bool = False  # the value the projection shows (model/projection.py)
    why_chosen: str = ""
    dataset_label: str = ""
    evidence: str = ""  # the rationale, unless the page already showed the same text
    evidence_as_for: str = ""  # then: the fact it was shown for
    choice_reason: str = ""  # the projection's reason code for the value shown
    choice_explanation: str = ""
    proposed: bool = False  # read from a page by a machine: fills gaps only
    rejected: str = ""  # a person judged it wrong: who and why


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
    precision_label: str
    region_word: str  # the host's word for its regions: "state", "nation", ...
    where: str  # "Oak Brook, Illinois", or "somewhere in the United Kingdom"


class LegendEntry(Schema):
    shape: str
    colour: str
    label: str


class MapInfo(Schema):
    key: str
    title: str
    alt: str
    counts: dict[str, int]
    available: bool
    svg_url: str | None
    legend: list[LegendEntry]
    links: list[dict[str, Any]]
    notes: list[str]


class SourceLink(Schema):
    title: str
    url: str
    retrieved_at: str


class SourcedValue(Schema):
    value: str
    display: str
    source: SourceLink
    as_of_2019: bool = False
    url: str = ""


class Website(Schema):
    current: SourcedValue | None
    in_2019: SourcedValue | None


class Address(Schema):
    lines: list[str]
    sources: list[SourceLink]


class NotFound(Schema):
    property: str
    label: str
    looked_on: str


class Contact(Schema):
    """How to reach the organisation, each way with the public source that gives it."""

    website: Website
    social: list[SourcedValue]
    email: list[SourcedValue]
    phone: list[SourcedValue]
    address: Address
    not_found: list[NotFound]


class About(Schema):
    mission: SourcedValue | None
    in_its_words: SourcedValue | None
    roles: list[SourcedValue]
    founded: SourcedValue | None
    legal_form: SourcedValue | None
    registration: SourcedValue | None
    status_note: SourcedValue | None


class Cite(Schema):
    id: str
    url: str  # the record's persistent address
    json_url: str
    version: str  # the data version (docs/web.md)
    date: str
    text: str  # a citation to copy
    promise: str  # what the id promises


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
    contact: Contact
    about: About
    cite: Cite
    facts: list[FactRow]
    conflicts: list[str]
    narrative: list[SourcedValue]
    not_found: list[NotFound]
    sources: dict[str, SourceInfo]
    history: list[HistoryRow]
    last_modified: str
    last_verified: str | None
    location: Location
    checks: list[CheckRow] = Field(default_factory=list)
    focuses: dict[str, Any]  # model.focuses.focus_record: the column and each label's evidence
    map: MapInfo | None


class Event(Schema):
    kind: str
    year_from: int | None = None
    year_to: int | None = None
    detail: str = ""


class OfficeNow(Schema):
    """The body as it is now (its successor's name when it was renamed or replaced)."""

    name: str
    institution_type: str
    type_label: str
    status: str
    status_label: str
    website: str
    changed: bool


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
    now: OfficeNow
    type_label: str
    events_text: list[str]


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


class Metric(Schema):
    key: str
    label: str
    value: int
    definition: str
    parts: dict[str, int]
    url: str  # its definition on /numbers/


class Release(Schema):
    version: str  # identifies the content (docs/web.md)
    date: str  # when the data last changed
    statements: int
    sources: int
    datasets: dict[str, str]


class Numbers(Schema):
    numbers: list[Metric]
    protocol: dict[str, str]
    fiscal_year: FiscalYear
    release: Release


class OfficeList(Schema):
    query: dict[str, str]
    numbers: list[Metric]
    total: int
    types: list[TypeCount]
    offices: list[Office]
    table2: list[Table2Row]


class OfficeToday(Schema):
    name: str
    institution_type: str
    type_label: str
    status: str
    status_label: str
    changed: bool
    website: SourcedValue | None
    name_source: SourcedValue | None


class OfficeIn2019(Schema):
    name: str
    type_label: str
    parent: str
    websites: list[str]


class DatedEvent(Event):
    text: str
    kind_label: str


class OfficeDetail(Schema):
    office: Office
    now: OfficeToday
    in_2019: OfficeIn2019
    events: list[DatedEvent]
    facts: list[FactRow]
    listings: list[Table2Row]
    sources: dict[str, SourceInfo]
    history: list[HistoryRow]
    last_modified: str


class CountryRow(Schema):
    iso3: str
    name: str
    region: str
    income_group: str  # in the fiscal year asked for
    income_label: str
    organisations_from: int
    by_host: dict[str, int]
    roles_covered: int
    organisations_hosted: int
    government_bodies: int
    in_table2: bool
    url: str
    organisations_url: str


class CountryColumn(Schema):
    key: str
    title: str
    numeric: bool
    sorted: str  # "ascending" | "descending" | ""
    href: str  # the table sorted by this column (again: the other way)


class CountryList(Schema):
    query: dict[str, Any]
    hosts: list[Origin]
    columns: list[CountryColumn]
    links: dict[str, str]
    total: int
    fiscal_year: FiscalYear
    numbers: list[Metric]
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
    url: str  # the directory filtered to this origin and host
    organisations: list[OrganisationSummary]


class RoleCount(Schema):
    role: str
    label: str
    count: int


class AsOrigin(Schema):
    total: int
    roles: list[RoleCount]
    by_host: list[HostGroup]
    offices: list[Office]
    table2_rows: list[Table2Row]


class AsHost(Schema):
    total: int
    organisations: list[OrganisationSummary]


class IncomeInYear(Schema):
    group: str
    label: str


class CountryDetail(Schema):
    country: CountryInfo
    fiscal_year: FiscalYear
    income_in_year: IncomeInYear
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
    reason: str  # why it is chosen, or what in the names stops it being chosen
    organisation: MatchedOrganisation


class MatchResult(Schema):
    query: str
    number_of_results: int
    items: list[MatchItem]
