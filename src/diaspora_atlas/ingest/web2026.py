"""Sourced facts collected from public web pages (2026) as statements.

Each CSV row is one statement with its page (URL, title, the page's own date) and the day
we read the stored copy. A row with ``status=not_found`` records a search that found
nothing (prop ``not_found``, value = the field), so gaps stay visible and dated.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.ingest.declared import DeclaredDataset
from diaspora_atlas.model import Schema, Source, SourceKind, Statement
from diaspora_atlas.refdata import normalise_name

SEARCH_SOURCE_ID = "web2026-search"
# Today's facts about a 2019 body get their own names, so they sit beside the paper's, not over them.
OFFICE_PROPS = {"institution_type": "current_institution_type"}
ORG_FACTS_GLOB = "org_facts*.csv"
# The properties an organisation fact may have (docs/vocabulary.md, "Sourced facts").
CONTACT_PROPERTIES = frozenset({"email", "phone", "social_url", "website_current"})
ADDRESS_PROPERTIES = frozenset({"hq_street", "hq_city", "hq_region", "hq_postcode", "hq_country"})
ORG_PROPERTIES = (
    CONTACT_PROPERTIES
    | ADDRESS_PROPERTIES
    | frozenset(
        {
            "alias",
            "founded_year",
            "incorporated_year",
            "legal_form",
            "registration_id",
            "mission_summary",
            "mission_quote",
            "role",
            "status_note",
        }
    )
)


def source_id(url: str) -> str:
    return "web:" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def _rows(dataset: DeclaredDataset, pattern: str) -> list[dict[str, str]]:
    return [row for path in sorted(dataset.folder.glob(pattern)) for row in dataset.rows(path.name)]


def _table1_ids(dataset: DeclaredDataset) -> dict[str, str]:
    """Table 1 row number -> organisation id, from the frehywot2019 dataset beside this one."""
    table1 = DeclaredDataset("frehywot2019", dataset.folder.parent / "frehywot2019", {})
    return {row["paper_row"]: row["org_id"] for row in table1.rows("table1.csv")}


def sources(dataset: DeclaredDataset) -> list[Source]:
    found: dict[str, Source] = {}
    for row in [*_rows(dataset, ORG_FACTS_GLOB), *_rows(dataset, "office_facts.csv")]:
        url = row["source_url"]
        if row["status"] == "found" and url and url not in found:
            found[url] = Source(
                id=source_id(url),
                kind=SourceKind.WEB_PAGE,
                title=row["source_title"] or url,
                url=url,
                retrieved_at=row["looked_up_on"],
                dated=row["source_date"],
            )
    search = Source(
        id=SEARCH_SOURCE_ID,
        kind=SourceKind.SEARCH_RESULT,
        title=str(dataset.meta["title"]),
        licence=str(dataset.meta.get("licence", "")),
        retrieved_at=str(dataset.meta.get("collected", "")),
        citation=str(dataset.meta.get("method", "")),
    )
    return [search, *found.values()]


def statements(dataset: DeclaredDataset) -> Iterator[Statement]:
    yield from _organisation_statements(dataset)
    yield from _office_statements(dataset)


def _statement(
    dataset: DeclaredDataset,
    entity: str,
    schema: Schema,
    row: dict[str, str],
    prop: str,
    value: str,
) -> Statement:
    found = row["status"] == "found"
    if row["status"] not in ("found", "not_found"):
        raise DataFileError(
            f"unknown status {row['status']!r} in {dataset.folder}", "use found or not_found"
        )
    return Statement(
        entity_id=entity,
        schema=schema,
        prop=prop if found else "not_found",
        value=value if found else prop,
        source_id=source_id(row["source_url"]) if found else SEARCH_SOURCE_ID,
        dataset=dataset.name,
        original_value=row["value"],
        retrieved_at=row["looked_up_on"],
        asserted_by="web2026 collection (scripts/notes/web2026-collection.md)",
        rationale=row["note"],
        source_url=row["source_url"] if found else "",
        preferred=row["preferred"] == "yes",
    )


def _organisation_statements(dataset: DeclaredDataset) -> Iterator[Statement]:
    ids = _table1_ids(dataset)
    for row in _rows(dataset, ORG_FACTS_GLOB):
        org_id = ids.get(row["paper_row"])
        if org_id is None:
            raise DataFileError(
                f"unknown Table 1 row {row['paper_row']!r} in {dataset.folder}",
                "paper_row must be a Table 1 number (1-89)",
            )
        prop = org_property(row, dataset.folder)
        yield _statement(dataset, org_id, Schema.ORGANISATION, row, prop, row["value"])


def org_property(row: dict[str, str], folder: Path) -> str:
    """The row's property, if it is one an organisation fact may have."""
    prop = row["property"]
    if prop not in ORG_PROPERTIES:
        raise DataFileError(
            f"unknown property {prop!r} (Table 1 row {row['paper_row']}) in {folder}",
            "use one of " + ", ".join(sorted(ORG_PROPERTIES)) + " (docs/vocabulary.md)",
        )
    return prop


def _office_statements(dataset: DeclaredDataset) -> Iterator[Statement]:
    match = _OfficeMatcher(dataset.folder.parent / "frehywot2019", dataset)
    for row in _rows(dataset, "office_facts.csv"):
        prop, value = OFFICE_PROPS.get(row["property"], row["property"]), row["value"]
        if prop == "event" and row["status"] == "found":
            value = _event_json(value)
        if prop == "new_body" or not row["body"]:
            country = match.country_of(row["country"])
            yield _statement(dataset, f"country-{country}", Schema.COUNTRY, row, prop, value)
            continue
        entity, schema = match(row["country"], row["body"])
        yield _statement(dataset, entity, schema, row, prop, value)


def _event_json(text: str) -> str:
    """'renamed|2019|Ministry of X' -> the JSON event shape the store's read model uses."""
    kind, _, rest = text.partition("|")
    year, _, detail = rest.partition("|")
    year_value = int(year) if year.strip().isdigit() else None
    event = {
        "kind": kind.strip(),
        "year_from": year_value,
        "year_to": year_value,
        "detail": detail.strip(),
    }
    return json.dumps(event, sort_keys=True)


class _OfficeMatcher:
    """Find the Table 2 body a fact is about: exact segment or name, else the closest name
    among the same country's bodies (a fact never lands on another country's body)."""

    def __init__(self, table2_dir: Path, dataset: DeclaredDataset) -> None:
        table2 = DeclaredDataset("frehywot2019", table2_dir, {})
        listing = table2.rows("table2_rows.csv")
        rows = {r["row_id"]: r["country_verbatim"].strip() for r in listing}
        self.listings = {r["country_verbatim"].strip(): r["row_id"] for r in listing}
        # Table 2's own resolution of each country cell (overrides for merged rows included).
        self.codes = {r["country_verbatim"].strip(): r["country_iso3"].split(";") for r in listing}
        self.bodies: dict[str, list[tuple[str, str]]] = {}
        for body in table2.rows("table2_bodies.csv"):
            country = rows[body["row_id"]]
            for text in (body["segment_verbatim"], body["name"]):
                self.bodies.setdefault(country, []).append(
                    (normalise_name(text), body["office_id"])
                )
        self.folder = dataset.folder

    def country_of(self, country: str) -> str:
        """The one country a Table 2 country cell names (a merged row cannot be used)."""
        codes = self.codes.get(country.strip())
        if not codes or len(codes) != 1:
            raise DataFileError(
                f"office_facts.csv: {country!r} is not a single-country Table 2 row",
                f"write the country as one Table 2 row prints it ({self.folder})",
            )
        return codes[0]

    def __call__(self, country: str, body: str) -> tuple[str, Schema]:
        candidates = self.bodies.get(country.strip(), [])
        if not candidates and country.strip() in self.listings:
            # A row that names no body (e.g. "No apparent dept"): the fact is about the row.
            return self.listings[country.strip()], Schema.OFFICE_LISTING
        wanted = normalise_name(body)
        for text, office_id in candidates:
            if text == wanted:
                return office_id, Schema.OFFICE
        from rapidfuzz import fuzz, process  # only when a name is not written as Table 2's

        best = process.extractOne(wanted, [t for t, _ in candidates], scorer=fuzz.token_set_ratio)
        if best is None or best[1] < 80:
            raise DataFileError(
                f"office_facts.csv: no Table 2 body of {country!r} matches {body!r}",
                f"write the body as Table 2 prints it ({self.folder})",
            )
        return candidates[best[2]][1], Schema.OFFICE
