"""The web directory's read models, rebuilt from ``OrganisationRecord`` with the others.

``DirectoryEntry`` holds each organisation's search text, sort keys and the summary a list
row shows; ``OrganisationFacet`` one row per facet value (for income, one per fiscal year).
The web directory reads both into memory once per data version and searches, filters and
counts there (``web.find``). The search text is what describes the organisation: its names,
acronyms, mission, places, and those of the paper's sentences about it alone — a text that
several organisations share (a paragraph of the paper citing three of them as examples, a
note repeated on four rows) is not indexed, so it cannot bring up the others.

(The FTS5 table ``store_directory_fts`` of an earlier design is no longer filled or read.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from diaspora_atlas.model.projection import chosen_value
from diaspora_atlas.model.websites import CHECK_OUTCOME, CheckSeen, website_today
from diaspora_atlas.refdata.normalise import acronym_key, normalise_name
from diaspora_atlas.refdata.regions import region_name
from diaspora_atlas.store import models as orm

STOPWORDS = frozenset({"of", "the", "and", "for", "in", "at", "on", "a", "an", "&", "de", "du"})
_ACRONYM_TOKEN = re.compile(r"^[^\W\d_][^\W_]*(?:-[^\W_]+)*$")


def derived_acronyms(name: str) -> list[str]:
    """Initials of a name: of every word, and of the words that are not small words."""
    plain = re.sub(r"\([^)]*\)", " ", name)
    words = [w for w in re.split(r"[\s\-/]+", plain) if w and w[0].isalnum()]
    if len(words) < 2:
        return []
    significant = "".join(w[0] for w in words if w.casefold() not in STOPWORDS).upper()
    return [significant] if len(significant) >= 2 else []


def stated_acronyms(aliases: Iterable[str]) -> list[str]:
    """Aliases that are acronyms ('AMAA', 'CAMDOC-UK', 'BMA UK' -> 'BMA'; 'IMS (UK)' -> 'IMS')."""
    found: dict[str, None] = {}
    for alias in aliases:
        first = re.sub(r"\([^)]*\)", " ", alias).split()
        if not first:
            continue
        token = first[0].strip(".,;:")
        letters = [ch for ch in token if ch.isalpha()]
        if (
            len(letters) >= 2
            and all(ch.isupper() for ch in letters)
            and _ACRONYM_TOKEN.match(token)
        ):
            found.setdefault(token, None)
            head = token.split("-")[0]
            if head != token and len(head) >= 2:
                found.setdefault(head, None)
    return list(found)


def _values(data: Mapping[str, Any], prop: str) -> list[str]:
    seen: dict[str, None] = {}
    for statement in data.get(prop, []):
        if statement.get("value"):
            seen.setdefault(str(statement["value"]), None)
    return list(seen)


def _year(text: str) -> int | None:
    match = re.search(r"\b(1[89]\d\d|20\d\d)\b", text)
    return int(match.group(1)) if match else None


def website_today_of(record: orm.OrganisationRecord) -> str:
    """The since-2019 group of the organisation's 2019 website (model.websites)."""
    checks = [
        CheckSeen(str(s.get("source_url", "")), str(s["value"]), str(s.get("retrieved_at", "")))
        for s in record.data.get(CHECK_OUTCOME, [])
    ]
    return website_today(record.website, checks)


def hq_region(data: Mapping[str, Any]) -> str:
    """The headquarters' state or region in words ("Illinois" for "IL" / "US-IL")."""
    return region_name(chosen_value(data, "hq_region_code")) or chosen_value(data, "hq_region")


def _summary(
    record: orm.OrganisationRecord, names: Mapping[str, str], acronyms: list[str]
) -> dict[str, Any]:
    data = record.data
    return {
        "id": record.id,
        "name": record.name,
        "paper_row": record.paper_row,
        "host_iso3": record.host_iso3,
        "host_name": names.get(record.host_iso3, record.host_iso3),
        "origins": [{"iso3": c, "name": names.get(c, c)} for c in record.origin_iso3],
        "origin_subnational": record.origin_subnational,
        "website": record.website,
        "online_presence": record.online_presence,
        "roles": sorted(_values(data, "role")),
        "founded_year": _year(chosen_value(data, "founded_year")),
        "hq_city": chosen_value(data, "hq_city"),
        "hq_region": hq_region(data),
        "mission_summary": chosen_value(data, "mission_summary"),
        "aliases": _values(data, "alias"),
        "acronyms": acronyms,
        "acronyms_stated": stated_acronyms(_values(data, "alias")),
        "last_verified": record.last_verified.isoformat() if record.last_verified else None,
        "website_today": website_today_of(record),
    }


def rebuild_directory() -> int:
    """Replace the directory tables from the organisation read model (inside a transaction)."""
    orm.OrganisationFacet.objects.all().delete()
    orm.DirectoryEntry.objects.all().delete()
    countries = {c.iso3: c for c in orm.CountryRecord.objects.all()}
    names = {iso3: c.name for iso3, c in countries.items()}
    incomes: dict[str, list[tuple[int, str]]] = {}
    for iso3, fy, group in orm.IncomeRecord.objects.values_list(
        "country_id", "fiscal_year", "income_group"
    ):
        incomes.setdefault(iso3, []).append((fy, group))
    entries: list[orm.DirectoryEntry] = []
    facets: list[orm.OrganisationFacet] = []
    records = list(orm.OrganisationRecord.objects.order_by("id"))
    shared = shared_texts(records)
    for record in records:
        aliases = _values(record.data, "alias")
        acronyms = list(dict.fromkeys([*stated_acronyms(aliases), *derived_acronyms(record.name)]))
        entry = orm.DirectoryEntry(
            organisation=record,
            sort_name=normalise_name(record.name),
            founded_year=_year(chosen_value(record.data, "founded_year")),
            aliases=normalise_name(" | ".join(aliases)),
            acronyms=" ".join(acronym_key(a) for a in acronyms),
            mission=normalise_name(
                " ".join(
                    [
                        chosen_value(record.data, "mission_summary"),
                        *_values(record.data, "mission_quote"),
                    ]
                )
            ),
            body=normalise_name(" ".join(own_texts(record, shared))),
            summary=_summary(record, names, acronyms),
        )
        entries.append(entry)
        facets.extend(_facets(record, countries, incomes))
    orm.DirectoryEntry.objects.bulk_create(entries, batch_size=500)
    orm.OrganisationFacet.objects.bulk_create(facets, batch_size=1000)
    return len(entries)


def inventory_of(data: Mapping[str, Any]) -> str:
    """Which inventory an organisation belongs to: its ``inventory`` statement (an update's
    organisations have one), else the dataset that names it (the 2019 paper's)."""
    stated = chosen_value(data, "inventory")
    names = data.get("name", [])
    return stated or (str(names[0].get("dataset", "")) if names else "")


INDEXED_TEXTS = ("narrative", "paper_note", "status_note")


def shared_texts(records: Iterable[orm.OrganisationRecord]) -> frozenset[str]:
    """Texts stated of more than one organisation: they describe none of them alone."""
    seen: dict[str, set[str]] = {}
    for record in records:
        for prop in INDEXED_TEXTS:
            for text in _values(record.data, prop):
                seen.setdefault(text, set()).add(record.id)
    return frozenset(text for text, ids in seen.items() if len(ids) > 1)


def own_texts(record: orm.OrganisationRecord, shared: frozenset[str]) -> list[str]:
    """The texts about this organisation alone (the paper's sentences, notes)."""
    return [t for p in INDEXED_TEXTS for t in _values(record.data, p) if t not in shared]


def _facets(
    record: orm.OrganisationRecord,
    countries: Mapping[str, orm.CountryRecord],
    incomes: Mapping[str, list[tuple[int, str]]],
) -> list[orm.OrganisationFacet]:
    rows: set[tuple[str, str, int]] = {
        ("host", record.host_iso3, 0),
        ("presence", record.online_presence or "none", 0),
        ("verified", "verified" if record.last_verified else "not_verified", 0),
        ("website_today", website_today_of(record), 0),
    }
    for iso3 in record.origin_iso3:
        rows.add(("origin", iso3, 0))
        known = countries.get(iso3)
        if known is not None:
            rows.add(("continent", known.un_region or known.paper_continent or "Unknown", 0))
        for fy, group in incomes.get(iso3, []):
            rows.add(("income", group, fy))
    rows.update(("role", role, 0) for role in _values(record.data, "role"))
    rows.add(("inventory", inventory_of(record.data), 0))
    return [
        orm.OrganisationFacet(organisation=record, facet=facet, value=value, fiscal_year=fy)
        for facet, value, fy in sorted(rows)
        if value
    ]


def directory_is_stale() -> bool:
    """True when organisations exist but the directory tables were never filled (an old store)."""
    return (
        orm.OrganisationRecord.objects.exists()
        and orm.DirectoryEntry.objects.count() != orm.OrganisationRecord.objects.count()
    )


def ensure_directory() -> bool:
    """Fill the directory tables of a store built before they existed; True when it did."""
    from django.db import transaction

    if not directory_is_stale():
        return False
    with transaction.atomic():
        rebuild_directory()
    return True
