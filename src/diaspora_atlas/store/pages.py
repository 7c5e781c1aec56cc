"""Queries behind the directory's pages other than the organisation search: one record with
its history, offices, countries, headline numbers and recent changes. Plain dicts only."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection
from typing import Any

from django.db.models import Count, Q, QuerySet

from diaspora_atlas.store import models as orm
from diaspora_atlas.store.queries import judgements, statement_history


def country_names() -> dict[str, str]:
    return dict(orm.CountryRecord.objects.values_list("iso3", "name"))


def sources_by_id(ids: set[str]) -> dict[str, dict[str, str]]:
    return {
        s.id: {
            "id": s.id,
            "kind": s.kind,
            "title": s.title,
            "url": s.url,
            "licence": s.licence,
            "publisher": s.publisher,
            "retrieved_at": s.retrieved_at,
            "dated": s.dated,
            "citation": s.citation,
        }
        for s in orm.Source.objects.filter(id__in=sorted(ids))
    }


def _sources_of(data: dict[str, list[dict[str, Any]]]) -> set[str]:
    return {s["source_id"] for statements in data.values() for s in statements if s["source_id"]}


def organisation_ids() -> frozenset[str]:
    """Every organisation in the directory, by id."""
    return frozenset(orm.OrganisationRecord.objects.values_list("id", flat=True))


def organisation(org_id: str) -> dict[str, Any] | None:
    """Everything about one organisation: facts with sources, summary, history."""
    record = orm.OrganisationRecord.objects.filter(id=org_id).select_related("entry").first()
    if record is None:
        return None
    entry = getattr(record, "entry", None)
    history = entity_history(org_id)
    return {
        "summary": entry.summary if entry is not None else {"id": record.id, "name": record.name},
        "facts": record.data,
        "sources": sources_by_id(_sources_of(record.data) | {str(h["source_id"]) for h in history}),
        "history": history,
        "last_modified": record.last_modified.isoformat(),
        "last_verified": record.last_verified.isoformat() if record.last_verified else None,
    }


def _chosen(data: dict[str, list[dict[str, Any]]], prop: str) -> str:
    return next((str(s["value"]) for s in data.get(prop, []) if s.get("chosen")), "")


def _office_row(o: orm.OfficeRecord, names: dict[str, str]) -> dict[str, Any]:
    established = [e for e in o.events if e.get("kind") == "established"]
    status = _chosen(o.data, "status")
    renamed = _chosen(o.data, "current_name")
    changed = bool(renamed and renamed != o.name) or status in ("abolished", "merged", "renamed")
    # An abolished or merged 2019 body shown by its successor's name: the status is the 2019
    # body's (in its events), not the successor's (Armenia's ministry, now the High
    # Commissioner's office).
    successor = bool(renamed and renamed != o.name) and status in ("abolished", "merged")
    return {
        "id": o.id,
        "name": o.name,
        "parent": o.parent,
        "country_iso3": o.country_iso3,
        "country_name": names.get(o.country_iso3, o.country_iso3),
        "institution_type": o.institution_type,
        "is_government_body": o.is_government_body,
        "websites": list(o.websites),
        "events": list(o.events),
        "established": established[0].get("year_from") if established else None,
        "now": {
            "name": _chosen(o.data, "current_name") or o.name,
            "institution_type": _chosen(o.data, "current_institution_type") or o.institution_type,
            "status": "" if successor else status,
            "website": _chosen(o.data, "website_current"),
            "changed": changed,
        },
    }


def offices(kind: str = "", country: str = "") -> dict[str, Any]:
    """Government bodies (optionally of one type or country) and counts per type."""
    names = country_names()
    query = orm.OfficeRecord.objects.all()
    if country:
        query = query.filter(country_iso3=country)
    types = dict(
        query.values_list("institution_type").annotate(n=Count("id")).order_by("institution_type")
    )
    if kind:
        query = query.filter(institution_type=kind)
    rows = [_office_row(o, names) for o in query.order_by("country_iso3", "name")]
    rows.sort(key=lambda r: (r["country_name"], r["name"]))
    return {"offices": rows, "types": types}


def office(office_id: str) -> dict[str, Any] | None:
    record = orm.OfficeRecord.objects.filter(id=office_id).first()
    if record is None:
        return None
    names = country_names()
    listing_ids = [s["value"] for s in record.data.get("listing", [])]
    listings = [_listing_row(li) for li in orm.OfficeListing.objects.filter(id__in=listing_ids)]
    history = entity_history(office_id)
    return {
        "office": _office_row(record, names),
        "facts": record.data,
        "listings": listings,
        "sources": sources_by_id(_sources_of(record.data) | {str(h["source_id"]) for h in history}),
        "history": history,
        "last_modified": record.last_modified.isoformat(),
        "last_verified": record.last_verified.isoformat() if record.last_verified else None,
    }


def entity_history(entity_id: str) -> list[dict[str, Any]]:
    """What the store's sources said about an entity, and what people judged, oldest first."""
    rows: list[dict[str, Any]] = [{"note": "", **h} for h in statement_history(entity_id)]
    for j in judgements([entity_id]).get(entity_id, []):
        rows.append(
            {
                "prop": j.prop or j.kind.value,
                "value": j.value or j.object_id,
                "source_id": "",
                "source_url": "",
                "dataset": j.author,
                "event": "judgement",
                "at": j.created_at,
                "load": None,
                "note": j.describe(),
            }
        )
    rows.sort(key=lambda r: str(r["at"]))
    return rows


def _listing_row(li: orm.OfficeListing) -> dict[str, Any]:
    return {
        "id": li.id,
        "row": li.row_order,
        "country_text": li.country_text,
        "country_iso3": list(li.country_iso3),
        "status": li.status,
        "office_text": li.office_text,
        "website_text": li.website_text,
        "year_text": li.year_text,
    }


def listings() -> list[dict[str, Any]]:
    """Table 2's rows, in the paper's order."""
    return [_listing_row(li) for li in orm.OfficeListing.objects.order_by("row_order")]


def income_history(iso3: str) -> list[dict[str, Any]]:
    return [
        {"fiscal_year": fy, "group": group}
        for fy, group in orm.IncomeRecord.objects.filter(country_id=iso3)
        .order_by("fiscal_year")
        .values_list("fiscal_year", "income_group")
    ]


def of_inventories(inventories: Collection[str]) -> QuerySet[orm.OrganisationFacet, Any]:
    """The ids of the organisations that belong to one of ``inventories``."""
    return orm.OrganisationFacet.objects.filter(
        facet="inventory", value__in=list(inventories)
    ).values("organisation_id")


def countries_overview(fiscal_year: int, inventories: Collection[str]) -> list[dict[str, Any]]:
    """Every country the directory knows something about, with its counts (organisations of
    ``inventories``) and its World Bank income group in ``fiscal_year``; bodies are
    government bodies only."""
    members = of_inventories(inventories)
    as_origin = Counter(
        orm.OrganisationOrigin.objects.filter(organisation_id__in=members)
        .values_list("country_id", flat=True)
        .iterator()
    )
    as_host = Counter(
        orm.OrganisationRecord.objects.filter(id__in=members).values_list("host_iso3", flat=True)
    )
    bodies = Counter(
        orm.OfficeRecord.objects.filter(is_government_body=True).values_list(
            "country_iso3", flat=True
        )
    )
    listed = {c for li in orm.OfficeListing.objects.all() for c in li.country_iso3}
    wanted = set(as_origin) | set(as_host) | set(bodies) | listed
    groups = dict(
        orm.IncomeRecord.objects.filter(country_id__in=wanted, fiscal_year=fiscal_year).values_list(
            "country_id", "income_group"
        )
    )
    rows = [
        {
            "iso3": c.iso3,
            "name": c.name,
            "region": c.un_region,
            "income_group": groups.get(c.iso3, ""),
            "organisations_from": as_origin.get(c.iso3, 0),
            "organisations_hosted": as_host.get(c.iso3, 0),
            "government_bodies": bodies.get(c.iso3, 0),
            "in_table2": c.iso3 in listed,
        }
        for c in orm.CountryRecord.objects.filter(iso3__in=wanted)
    ]
    rows.sort(key=lambda r: str(r["name"]))
    return rows


def country(iso3: str, inventories: Collection[str]) -> dict[str, Any] | None:
    """A country as an origin (organisations of ``inventories`` abroad by host, offices) and
    as a host."""
    record = orm.CountryRecord.objects.filter(iso3=iso3).first()
    if record is None:
        return None
    names = country_names()
    members = of_inventories(inventories)
    from_ids = orm.OrganisationOrigin.objects.filter(
        country_id=iso3, organisation_id__in=members
    ).values("organisation_id")
    abroad = list(
        orm.DirectoryEntry.objects.filter(organisation_id__in=from_ids)
        .order_by("sort_name")
        .values_list("summary", flat=True)
    )
    by_host: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for summary in abroad:
        by_host[summary["host_iso3"]].append(summary)
    hosted = list(
        orm.DirectoryEntry.objects.filter(organisation__host_iso3=iso3, organisation_id__in=members)
        .order_by("sort_name")
        .values_list("summary", flat=True)
    )
    bodies = [
        _office_row(o, names)
        for o in orm.OfficeRecord.objects.filter(country_iso3=iso3).order_by("name")
    ]
    rows = [
        _listing_row(li)
        for li in orm.OfficeListing.objects.order_by("row_order")
        if iso3 in li.country_iso3
    ]
    return {
        "country": {
            "iso3": record.iso3,
            "iso2": record.iso2,
            "name": record.name,
            "official_name": record.official_name,
            "region": record.un_region,
            "subregion": record.un_subregion,
            "wb_region": record.wb_region,
        },
        "income_history": income_history(iso3),
        "as_origin": {
            "total": len(abroad),
            "by_host": [
                {"host_iso3": h, "host_name": names.get(h, h), "organisations": orgs}
                for h, orgs in sorted(by_host.items(), key=lambda kv: (-len(kv[1]), kv[0]))
            ],
            "offices": bodies,
            "table2_rows": rows,
        },
        "as_host": {"total": len(hosted), "organisations": hosted},
    }


def inventories() -> dict[str, Any]:
    """Organisations per inventory (the directory's ``inventory`` facet), and for those an
    update added, the engines of the search that found them."""
    counts = dict(
        orm.OrganisationFacet.objects.filter(facet="inventory")
        .values_list("value")
        .annotate(n=Count("organisation_id"))
        .order_by("value")
    )
    engines: Counter[str] = Counter()
    for data in orm.OrganisationRecord.objects.filter(data__has_key="found_by").values_list(
        "data", flat=True
    ):
        engines.update({s["value"] for s in data.get("found_by_engine", [])})
    return {"counts": counts, "added_found_by": dict(sorted(engines.items()))}


def _entity_names(ids: set[str]) -> dict[str, str]:
    names = dict(orm.OrganisationRecord.objects.filter(id__in=ids).values_list("id", "name"))
    names.update(orm.OfficeRecord.objects.filter(id__in=ids).values_list("id", "name"))
    return names


def recent_changes(
    limit: int = 6, per_load: int = 8, exclude: Collection[str] = ("refdata",)
) -> list[dict[str, Any]]:
    """The latest loads that changed something (of datasets not in ``exclude``), with the
    records each touched."""
    loads = list(
        orm.DatasetLoad.objects.filter(Q(statements_added__gt=0) | Q(statements_retracted__gt=0))
        .exclude(dataset__in=list(exclude))
        .order_by("-id")[:limit]
    )
    out = []
    for load in loads:
        touched = Counter(
            orm.StatementEvent.objects.filter(load=load).values_list(
                "statement__entity_id", flat=True
            )
        )
        top = [eid for eid, _ in touched.most_common()]
        names = _entity_names(set(top[: per_load * 3]))
        records = [{"id": e, "name": names[e], "statements": touched[e]} for e in top if e in names]
        out.append(
            {
                "dataset": load.dataset,
                "loaded_at": load.loaded_at.isoformat(),
                "added": load.statements_added,
                "retracted": load.statements_retracted,
                "records_touched": len(touched),
                "records": records[:per_load],
            }
        )
    return out


def match_entries(inventories: Collection[str]) -> list[dict[str, Any]]:
    """What name matching compares against: names, aliases and acronyms of each organisation
    of ``inventories`` (the site's: a match never points at a record the site does not show)."""
    return list(
        orm.DirectoryEntry.objects.filter(organisation_id__in=of_inventories(inventories))
        .order_by("sort_name")
        .values_list("summary", flat=True)
    )


EXPORTED_FACTS = (
    "name",
    "host_iso3",
    "origin_iso3",
    "website",
    "website_current",
    "online_presence",
    "role",
    "founded_year",
    "hq_city",
    "mission_summary",
    "alias",
)


def export_sources(ids: Collection[str]) -> dict[str, list[str]]:
    """Per organisation, the addresses of the sources of the values a download row shows
    (the chosen value of each exported fact; every value of a multi-valued one)."""
    found: dict[str, list[str]] = {}
    for org_id, data in orm.OrganisationRecord.objects.filter(id__in=list(ids)).values_list(
        "id", "data"
    ):
        urls: dict[str, None] = {}
        for prop in EXPORTED_FACTS:
            for statement in data.get(prop, []):
                shown = statement.get("chosen") or prop in ("role", "alias", "origin_iso3")
                if shown and statement.get("source_url") and not statement.get("rejected"):
                    urls.setdefault(statement["source_url"], None)
        found[org_id] = list(urls)
    return found
