"""Reference data (countries, income groups) copied into the store for joins and facets."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from diaspora_atlas.refdata import Country, countries, income_history
from diaspora_atlas.store import models as orm
from diaspora_atlas.store.repository import dataset_is_current

REFDATA = "refdata"


def load_reference(
    content_hash: str,
    countries: Iterable[Country],
    incomes: Iterable[tuple[str, int, str]],
    run_id: str = "",
) -> bool:
    """Replace the reference tables when their content changed; True when it did."""
    if dataset_is_current(REFDATA, content_hash):
        return False
    with transaction.atomic():
        orm.IncomeRecord.objects.all().delete()
        orm.CountryRecord.objects.bulk_create(
            [
                orm.CountryRecord(
                    iso3=c.iso3,
                    iso2=c.iso2,
                    name=c.name,
                    official_name=c.official_name,
                    un_region=c.un_region,
                    un_subregion=c.un_subregion,
                    wb_region=c.wb_region,
                    paper_continent=c.paper_continent,
                )
                for c in countries
            ],
            update_conflicts=True,
            unique_fields=["iso3"],
            update_fields=[
                "iso2",
                "name",
                "official_name",
                "un_region",
                "un_subregion",
                "wb_region",
                "paper_continent",
            ],
        )
        orm.IncomeRecord.objects.bulk_create(
            (
                orm.IncomeRecord(country_id=iso3, fiscal_year=fy, income_group=group)
                for iso3, fy, group in incomes
            ),
            batch_size=1000,
        )
        orm.DatasetLoad.objects.create(
            dataset=REFDATA, content_hash=content_hash, loaded_at=timezone.now(), run_id=run_id
        )
    return True


def load_reference_data(content_hash: str, run_id: str = "") -> bool:
    """The bundled reference tables (``refdata``) into the store, when they changed."""
    if dataset_is_current(REFDATA, content_hash):
        return False
    incomes = [
        (iso3, fy, group.value)
        for iso3 in countries()
        for fy, group in income_history(iso3).items()
    ]
    return load_reference(content_hash, countries().values(), incomes, run_id)
