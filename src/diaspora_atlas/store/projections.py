"""Read models rebuilt from the one projection of statements and judgements (caches, never
the truth): ``model.projection.project`` via ``queries.entity_views``."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from diaspora_atlas import model
from diaspora_atlas.model.views import ListingView, OfficeView, OrganisationView
from diaspora_atlas.store import models as orm
from diaspora_atlas.store.directory_index import rebuild_directory
from diaspora_atlas.store.queries import entity_views


def rebuild_read_models() -> dict[str, int]:
    with transaction.atomic():
        orgs = _rebuild_organisations()
        offices = _rebuild_offices()
        listings = _rebuild_listings()
        directory = rebuild_directory()
    return {
        "organisations": orgs,
        "offices": offices,
        "listings": listings,
        "directory": directory,
    }


def _when(text: str) -> datetime | None:
    return parse_datetime(text) if text else None


def search_text(org: OrganisationView) -> str:
    """The text the plain search reads: names, mission and what the paper says."""
    parts = [org.name, *org.values("alias"), org.value("mission_summary"), *org.values("narrative")]
    return " ".join(parts).casefold()


def _rebuild_organisations() -> int:
    orm.OrganisationOrigin.objects.all().delete()
    orm.OrganisationRecord.objects.all().delete()
    known = set(orm.CountryRecord.objects.values_list("iso3", flat=True))
    records: list[orm.OrganisationRecord] = []
    origins: list[orm.OrganisationOrigin] = []
    for entity in entity_views(model.Schema.ORGANISATION).values():
        org = OrganisationView.of(entity)
        records.append(
            orm.OrganisationRecord(
                id=org.id,
                name=org.name,
                paper_row=org.paper_row,
                host_iso3=org.host_iso3,
                origin_iso3=list(org.origin_iso3),
                origin_subnational=org.origin_subnational,
                website=org.website,
                online_presence=org.online_presence,
                paper_note=org.value("paper_note"),
                data=entity.facts_json(),
                search_text=search_text(org),
                last_modified=_when(entity.last_modified) or timezone.now(),
                last_verified=_when(entity.last_verified),
            )
        )
        origins.extend(
            orm.OrganisationOrigin(organisation_id=org.id, country_id=iso3)
            for iso3 in org.origin_iso3
            if iso3 in known
        )
    orm.OrganisationRecord.objects.bulk_create(records, batch_size=500)
    orm.OrganisationOrigin.objects.bulk_create(origins, batch_size=500)
    return len(records)


def _rebuild_offices() -> int:
    orm.OfficeRecord.objects.all().delete()
    records = []
    for entity in entity_views(model.Schema.OFFICE).values():
        office = OfficeView.of(entity)
        records.append(
            orm.OfficeRecord(
                id=office.id,
                country_iso3=office.country_iso3,
                name=office.name,
                parent=office.parent,
                institution_type=office.institution_type,
                is_government_body=office.institution_type
                != model.InstitutionType.NOT_GOVERNMENT.value,
                websites=list(office.websites),
                events=[{k: v for k, v in e.items() if k != "dataset"} for e in office.events],
                data=entity.facts_json(),
                last_modified=_when(entity.last_modified) or timezone.now(),
                last_verified=_when(entity.last_verified),
            )
        )
    orm.OfficeRecord.objects.bulk_create(records, batch_size=500)
    return len(records)


def _rebuild_listings() -> int:
    orm.OfficeListing.objects.all().delete()
    records = []
    for entity in entity_views(model.Schema.OFFICE_LISTING).values():
        listing = ListingView.of(entity)
        records.append(
            orm.OfficeListing(
                id=listing.id,
                row_order=listing.row_order,
                country_text=listing.country_text,
                country_iso3=list(listing.country_iso3),
                status=listing.office_status,
                office_text=listing.office_text,
                website_text=listing.website_text,
                year_text=listing.year_text,
            )
        )
    orm.OfficeListing.objects.bulk_create(records, batch_size=500)
    return len(records)
