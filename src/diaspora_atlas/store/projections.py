"""Read models rebuilt from current statements (caches, never the truth)."""

from __future__ import annotations

import json
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from diaspora_atlas import model
from diaspora_atlas.model.facts import facts_as_json, group_by_prop, preferred_value, values
from diaspora_atlas.store import models as orm
from diaspora_atlas.store.directory_index import rebuild_directory
from diaspora_atlas.store.queries import current_statements

facts_json = facts_as_json  # the read models keep every statement's sources


def rebuild_read_models() -> dict[str, int]:
    now = timezone.now()
    with transaction.atomic():
        orgs = _rebuild_organisations(now)
        offices = _rebuild_offices(now)
        listings = _rebuild_listings()
        directory = rebuild_directory()
    return {
        "organisations": orgs,
        "offices": offices,
        "listings": listings,
        "directory": directory,
    }


def _rebuild_organisations(now: datetime) -> int:
    orm.OrganisationOrigin.objects.all().delete()
    orm.OrganisationRecord.objects.all().delete()
    known = set(orm.CountryRecord.objects.values_list("iso3", flat=True))
    records: list[orm.OrganisationRecord] = []
    origins: list[orm.OrganisationOrigin] = []
    for entity_id, statements in current_statements(model.Schema.ORGANISATION).items():
        grouped = group_by_prop(statements)
        origin = values(grouped, "origin_iso3")
        name = preferred_value(grouped, "name")
        search = " ".join(
            [
                name,
                *values(grouped, "alias"),
                preferred_value(grouped, "mission_summary"),
                *values(grouped, "narrative"),
            ]
        )
        row = preferred_value(grouped, "paper_row")
        records.append(
            orm.OrganisationRecord(
                id=entity_id,
                name=name,
                paper_row=int(row) if row else None,
                host_iso3=preferred_value(grouped, "host_iso3"),
                origin_iso3=origin,
                origin_subnational=preferred_value(grouped, "origin_subnational"),
                website=preferred_value(grouped, "website"),
                online_presence=preferred_value(grouped, "online_presence"),
                paper_note=preferred_value(grouped, "paper_note"),
                data=facts_json(grouped),
                search_text=search.casefold(),
                last_modified=now,
                last_verified=None,
            )
        )
        origins.extend(
            orm.OrganisationOrigin(organisation_id=entity_id, country_id=iso3)
            for iso3 in origin
            if iso3 in known
        )
    orm.OrganisationRecord.objects.bulk_create(records, batch_size=500)
    orm.OrganisationOrigin.objects.bulk_create(origins, batch_size=500)
    return len(records)


def _rebuild_offices(now: datetime) -> int:
    orm.OfficeRecord.objects.all().delete()
    records = []
    for entity_id, statements in current_statements(model.Schema.OFFICE).items():
        grouped = group_by_prop(statements)
        kind = preferred_value(grouped, "institution_type")
        records.append(
            orm.OfficeRecord(
                id=entity_id,
                country_iso3=preferred_value(grouped, "country_iso3"),
                name=preferred_value(grouped, "name"),
                parent=preferred_value(grouped, "parent"),
                institution_type=kind,
                is_government_body=kind != model.InstitutionType.NOT_GOVERNMENT.value,
                websites=values(grouped, "website"),
                events=[json.loads(v) for v in values(grouped, "event")],
                data=facts_json(grouped),
                last_modified=now,
            )
        )
    orm.OfficeRecord.objects.bulk_create(records, batch_size=500)
    return len(records)


def _rebuild_listings() -> int:
    orm.OfficeListing.objects.all().delete()
    records = []
    for entity_id, statements in current_statements(model.Schema.OFFICE_LISTING).items():
        grouped = group_by_prop(statements)
        records.append(
            orm.OfficeListing(
                id=entity_id,
                row_order=int(preferred_value(grouped, "row_order") or 0),
                country_text=preferred_value(grouped, "country_text"),
                country_iso3=values(grouped, "country_iso3"),
                status=preferred_value(grouped, "office_status"),
                office_text=preferred_value(grouped, "office_text"),
                website_text=preferred_value(grouped, "website_text"),
                year_text=preferred_value(grouped, "year_text"),
            )
        )
    orm.OfficeListing.objects.bulk_create(records, batch_size=500)
    return len(records)
