"""The 2026 update as statements: the organisations the update added (``organisations.csv``,
derived from the store by scripts/derive_update2026.py) and their sourced facts
(``facts.csv``, one row per statement with its page, the properties of web2026's facts).

Each organisation says which inventory it belongs to (``inventory`` = ``update2026``), which
candidate mentions found it (``found_by``) and by which engines, and how it was decided."""

from __future__ import annotations

from collections.abc import Iterator

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.ingest.declared import DeclaredDataset
from diaspora_atlas.ingest.web2026 import ORG_PROPERTIES, source_id
from diaspora_atlas.model import Schema, Source, SourceKind, Statement

MULTI = ("origin_iso3", "found_by", "found_by_engine")
SINGLE = ("name", "host_iso3", "website", "run", "cluster")


def update_source(dataset: DeclaredDataset) -> Source:
    return Source(
        id=dataset.name,
        kind=SourceKind.DATASET,
        title=str(dataset.meta["title"]),
        licence=str(dataset.meta.get("licence", "")),
        publisher=str(dataset.meta.get("publisher", "")),
        retrieved_at=str(dataset.meta.get("collected", "")),
        citation=" ".join(str(dataset.meta.get("method", "")).split()),
    )


def sources(dataset: DeclaredDataset) -> list[Source]:
    pages = {
        row["source_url"]: Source(
            id=source_id(row["source_url"]),
            kind=SourceKind.WEB_PAGE,
            title=row["source_title"] or row["source_url"],
            url=row["source_url"],
            retrieved_at=row["looked_up_on"],
            dated=row["source_date"],
        )
        for row in dataset.rows("facts.csv")
        if row["status"] == "found" and row["source_url"]
    }
    return [update_source(dataset), *pages.values()]


def online_presence(website: str) -> str:
    if not website:
        return "none"
    return "facebook_only" if "facebook.com" in website else "website"


def statements(dataset: DeclaredDataset) -> Iterator[Statement]:
    known: set[str] = set()
    for row in dataset.rows("organisations.csv"):
        known.add(row["org_id"])
        yield from _organisation(dataset, row)
    for row in dataset.rows("facts.csv"):
        if row["org_id"] not in known:
            raise DataFileError(
                f"{dataset.folder / 'facts.csv'}: unknown organisation {row['org_id']!r}",
                "every fact's org_id must be a row of organisations.csv",
            )
        yield _fact(dataset, row)


def _organisation(dataset: DeclaredDataset, row: dict[str, str]) -> Iterator[Statement]:
    def make(prop: str, value: str, rationale: str = "") -> Statement:
        return Statement(
            entity_id=row["org_id"], schema=Schema.ORGANISATION, prop=prop, value=value,
            source_id=dataset.name, dataset=dataset.name, rationale=rationale,
            retrieved_at=str(dataset.meta.get("collected", "")),
            asserted_by="scripts/derive_update2026.py",
        )  # fmt: skip

    for prop in SINGLE:
        if row[prop]:
            yield make(prop, row[prop])
    for prop in MULTI:
        for value in filter(None, row[prop].split(";")):
            yield make(prop, value)
    yield make("inventory", dataset.name)
    yield make("screening_decision", row["decision"], row["evidence"])
    yield make("online_presence", online_presence(row["website"]), "from its website's address")


def _fact(dataset: DeclaredDataset, row: dict[str, str]) -> Statement:
    prop = row["property"]
    if prop not in ORG_PROPERTIES:
        raise DataFileError(
            f"{dataset.folder / 'facts.csv'}: unknown property {prop!r}",
            "use one of " + ", ".join(sorted(ORG_PROPERTIES)) + " (docs/vocabulary.md)",
        )
    found = row["status"] == "found"
    return Statement(
        entity_id=row["org_id"],
        schema=Schema.ORGANISATION,
        prop=prop if found else "not_found",
        value=row["value"] if found else prop,
        source_id=source_id(row["source_url"]) if found else dataset.name,
        dataset=dataset.name,
        original_value=row["value"],
        retrieved_at=row["looked_up_on"],
        asserted_by="update2026 collection (docs/screening.md)",
        rationale=row["note"],
        source_url=row["source_url"] if found else "",
        preferred=row["preferred"] == "yes",
    )
