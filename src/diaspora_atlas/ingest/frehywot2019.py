"""The 2019 paper as statements: Table 1, Table 2, the narrative and the numeric claims."""

from __future__ import annotations

import json
from collections.abc import Iterator

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.ingest.declared import DeclaredDataset
from diaspora_atlas.model import Schema, Source, SourceKind, Statement
from diaspora_atlas.model.ids import STUDY_ID


def paper_source(dataset: DeclaredDataset) -> Source:
    meta = dataset.meta
    return Source(
        id=dataset.name,
        kind=SourceKind.PAPER,
        title=str(meta["title"]),
        url=str(meta["url"]),
        licence=str(meta["licence"]),
        publisher=str(meta["publisher"]),
        retrieved_at=str(meta["published"]),
        citation=" ".join(str(meta["citation"]).split()),
    )


class _Maker:
    """Builds statements that all cite the paper, at a given table anchor."""

    def __init__(self, dataset: DeclaredDataset) -> None:
        self.dataset = dataset.name
        self.url = str(dataset.meta["url"])
        self.published = str(dataset.meta["published"])

    def __call__(
        self,
        entity: str,
        schema: Schema,
        prop: str,
        value: str,
        anchor: str,
        original: str = "",
        rationale: str = "",
        inferred: str = "",
    ) -> Statement:
        return Statement(
            entity_id=entity,
            schema=schema,
            prop=prop,
            value=value,
            source_id=self.dataset,
            dataset=self.dataset,
            original_value=original,
            retrieved_at=self.published,
            asserted_by="scripts/parse_frehywot2019.py",
            rationale=rationale,
            inferred_from=inferred,
            source_url=f"{self.url}#{anchor}",
        )


def statements(dataset: DeclaredDataset) -> Iterator[Statement]:
    make = _Maker(dataset)
    yield from _table1(dataset, make)
    yield from _narrative(dataset, make)
    yield from _table2_rows(dataset, make)
    yield from _table2_bodies(dataset, make)
    yield from _claims(dataset, make)


def _table1(dataset: DeclaredDataset, make: _Maker) -> Iterator[Statement]:
    org = Schema.ORGANISATION
    for r in dataset.rows("table1.csv"):
        oid, anchor = r["org_id"], f"Tab1-row{r['paper_row']}"
        yield make(oid, org, "name", r["name"], anchor, original=r["name_verbatim"])
        yield make(oid, org, "paper_row", r["paper_row"], anchor)
        yield make(oid, org, "listed_in", "frehywot2019 Table 1", anchor)
        if r["website"]:
            yield make(oid, org, "website", r["website"], anchor, original=r["url_verbatim"])
        if r["note_verbatim"]:
            yield make(oid, org, "paper_note", r["note_verbatim"], anchor)
        yield make(
            oid,
            org,
            "online_presence",
            r["online_presence"],
            anchor,
            rationale=r["online_presence_rationale"],
            inferred="Table 1 URL column",
        )
        yield make(
            oid,
            org,
            "host_iso3",
            r["host_iso3"],
            anchor,
            rationale=r["host_iso3_rationale"],
            inferred=_inferred(r, "host_iso3"),
        )
        for iso3 in filter(None, r["origin_iso3"].split(";")):
            yield make(
                oid,
                org,
                "origin_iso3",
                iso3,
                anchor,
                rationale=r["origin_iso3_rationale"],
                inferred=_inferred(r, "origin_iso3"),
            )
        if r["origin_subnational"]:
            yield make(
                oid,
                org,
                "origin_subnational",
                r["origin_subnational"],
                anchor,
                rationale=r["origin_subnational_rationale"],
                inferred="name",
            )


def _inferred(row: dict[str, str], field: str) -> str:
    curation = row[f"{field}_curation"]
    if curation == "override":
        return "a curator's correction, with its reason (data/sources/frehywot2019/table1_overrides.csv)"
    return "the organisation's name and web address"


def _narrative(dataset: DeclaredDataset, make: _Maker) -> Iterator[Statement]:
    for r in dataset.rows("narrative.csv"):
        refs = ", ".join(f"[{n}]" for n in r["references"].split(";") if n)
        yield make(
            r["org_id"],
            Schema.ORGANISATION,
            "narrative",
            r["statement_verbatim"],
            "Sec3",
            rationale=f"{r['section']}; the paper's references {refs}".strip(),
        )


def _table2_rows(dataset: DeclaredDataset, make: _Maker) -> Iterator[Statement]:
    listing = Schema.OFFICE_LISTING
    for r in dataset.rows("table2_rows.csv"):
        rid, anchor = r["row_id"], f"Tab2-row{r['row_order']}"
        yield make(rid, listing, "row_order", r["row_order"], anchor)
        yield make(
            rid,
            listing,
            "country_text",
            r["country_verbatim"].strip(),
            anchor,
            original=r["country_verbatim"],
        )
        for iso3 in filter(None, r["country_iso3"].split(";")):
            yield make(
                rid,
                listing,
                "country_iso3",
                iso3,
                anchor,
                inferred="country cell, resolved by diaspora_atlas.refdata",
            )
        yield make(rid, listing, "office_status", r["office_status"], anchor)
        yield make(
            rid,
            listing,
            "office_text",
            r["office_verbatim"].strip(),
            anchor,
            original=r["office_verbatim"],
        )
        yield make(
            rid,
            listing,
            "website_text",
            r["website_verbatim"].strip(),
            anchor,
            original=r["website_verbatim"],
        )
        yield make(
            rid,
            listing,
            "year_text",
            r["year_verbatim"].strip(),
            anchor,
            original=r["year_verbatim"],
        )


def _table2_bodies(dataset: DeclaredDataset, make: _Maker) -> Iterator[Statement]:
    office = Schema.OFFICE
    events: dict[str, list[dict[str, str]]] = {}
    for e in dataset.rows("table2_events.csv"):
        events.setdefault(e["office_id"], []).append(e)
    for r in dataset.rows("table2_bodies.csv"):
        oid, anchor = r["office_id"], f"Tab2-{r['row_id']}"
        yield make(oid, office, "name", r["name"], anchor, original=r["segment_verbatim"])
        yield make(oid, office, "listing", r["row_id"], anchor)
        yield make(oid, office, "position", r["position"], anchor)
        yield make(oid, office, "country_iso3", r["country_iso3"], anchor)
        if r["parent"]:
            yield make(oid, office, "parent", r["parent"], anchor, original=r["segment_verbatim"])
        yield make(
            oid,
            office,
            "institution_type",
            r["institution_type"],
            anchor,
            rationale=r["institution_type_rationale"],
            inferred="body name",
        )
        for url in filter(None, r["websites"].split(";")):
            yield make(oid, office, "website", url, anchor)
        for e in events.get(oid, []):
            value = json.dumps(
                {
                    "kind": e["kind"],
                    "year_from": int(e["year_from"]),
                    "year_to": int(e["year_to"]),
                    "detail": "",
                },
                sort_keys=True,
            )
            yield make(
                oid,
                office,
                "event",
                value,
                anchor,
                original=e["text_verbatim"],
                rationale=e["rationale"],
                inferred="'Year established' cell",
            )


def _claims(dataset: DeclaredDataset, make: _Maker) -> Iterator[Statement]:
    claims = dataset.yaml("claims.yaml")
    if not isinstance(claims, list):
        raise DataFileError(
            f"{dataset.folder / 'claims.yaml'} is not a list of claims", "restore it from git"
        )
    for claim in claims:
        yield make(
            STUDY_ID,
            Schema.STUDY,
            "claim",
            json.dumps(claim, sort_keys=True),
            str(claim["location"]),
            original=str(claim["quote"]),
        )
