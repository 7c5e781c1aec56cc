"""The study's numbers, computed from the store's views (never copied from the paper)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from diaspora_atlas.refdata import country, fiscal_years, lmic_iso3s
from diaspora_atlas.report.study import StudyView


def organisation_metrics(study: StudyView) -> dict[str, Any]:
    orgs = study.organisations
    by_host = Counter(o.host_iso3 or "unknown" for o in orgs)
    presence = Counter(o.online_presence for o in orgs)
    return {
        "total": len(orgs),
        "by_host": {h: by_host[h] for h in sorted(by_host, key=lambda h: (-by_host[h], h))},
        "by_online_presence": dict(sorted(presence.items())),
        "without_website": sum(1 for o in orgs if o.online_presence == "none"),
        "facebook_only_rows": sorted(
            o.paper_row or 0 for o in orgs if o.online_presence == "facebook_only"
        ),
    }


def origin_iso3s(study: StudyView) -> list[str]:
    seen: dict[str, None] = {}
    for org in study.organisations:
        for iso3 in org.origin_iso3:
            seen.setdefault(iso3, None)
    return sorted(seen)


def origin_metrics(study: StudyView) -> dict[str, Any]:
    codes = origin_iso3s(study)
    by_region = Counter(country(c).un_region for c in codes)
    orgs_per_origin = Counter(c for o in study.organisations for c in o.origin_iso3)
    return {
        "total": len(codes),
        "iso3": codes,
        "by_continent": dict(sorted(by_region.items())),
        "continent_scheme": "UN M49 region",
        "countries_by_continent": {
            region: sorted(c for c in codes if country(c).un_region == region)
            for region in sorted(by_region)
        },
        "organisations_per_origin": dict(sorted(orgs_per_origin.items())),
    }


def listed_countries(study: StudyView) -> list[str]:
    return sorted({c for li in study.listings for c in li.country_iso3})


def office_metrics(study: StudyView) -> dict[str, Any]:
    country_rows = [li for li in study.listings if li.office_status != "total"]
    with_entry = sorted(
        {c for li in country_rows if li.office_status == "named" for c in li.country_iso3}
    )
    by_type = Counter(o.institution_type for o in study.offices)
    with_text = [li for li in country_rows if li.office_status in ("named", "no_office")]
    government = sorted(
        {o.country_iso3 for o in study.offices if o.institution_type != "not_government"}
    )
    african = [c for c in with_entry if country(c).un_region == "Africa"]
    return {
        "rows": len(country_rows),
        "countries_listed": len(listed_countries(study)),
        "countries_with_office_entry": len(with_entry),
        "countries_with_office_entry_iso3": with_entry,
        "rows_with_office_text": len(with_text),
        "countries_with_government_body": len(government),
        "african_countries_with_office_entry": len(african),
        "rows_by_office_status": dict(
            sorted(Counter(li.office_status for li in country_rows).items())
        ),
        "bodies": len(study.offices),
        "bodies_by_institution_type": dict(sorted(by_type.items())),
        "government_bodies": sum(
            1 for o in study.offices if o.institution_type != "not_government"
        ),
    }


@dataclass(frozen=True)
class ListMatch:
    fiscal_year: int
    jaccard: float
    missing_from_table: tuple[str, ...]
    extra_in_table: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "fiscal_year": self.fiscal_year,
            "jaccard": round(self.jaccard, 4),
            "lmics_missing_from_table2": list(self.missing_from_table),
            "table2_countries_not_lmic": list(self.extra_in_table),
        }


def lmic_list_matches(study: StudyView) -> list[ListMatch]:
    """Compare Table 2's country set with every World Bank fiscal-year LMIC list."""
    table = set(listed_countries(study))
    matches = []
    for fy in fiscal_years():
        lmics = set(lmic_iso3s(fy))
        union = table | lmics
        jaccard = len(table & lmics) / len(union) if union else 0.0
        matches.append(
            ListMatch(fy, jaccard, tuple(sorted(lmics - table)), tuple(sorted(table - lmics)))
        )
    return sorted(matches, key=lambda m: (-m.jaccard, -m.fiscal_year))


def lmic_list_metrics(study: StudyView) -> dict[str, Any]:
    ranked = lmic_list_matches(study)
    best = ranked[0]
    return {
        "best_matching_fiscal_year": best.fiscal_year,
        "method": "Jaccard similarity between Table 2's countries and each FY's L+LM+UM list",
        "best": best.as_dict(),
        "runners_up": [m.as_dict() for m in ranked[1:4]],
        "all": {
            m.fiscal_year: round(m.jaccard, 4) for m in sorted(ranked, key=lambda m: m.fiscal_year)
        },
    }
