"""How much the store knows about each organisation, field by field, and who lacks what."""

from __future__ import annotations

from typing import Any

from diaspora_atlas.model.facts import SEARCHED_FIELDS
from diaspora_atlas.report.study import OrganisationView, StudyView

# Also counted: the postal address parts and the contacts of issue 13 (email, phone).
OTHER_FIELDS = (
    "hq_region",
    "hq_street",
    "hq_postcode",
    "email",
    "phone",
    "alias",
    "mission_quote",
    "hq_lat",
)


def _has(org: OrganisationView, field: str) -> bool:
    return any(s.value for s in org.facts.get(field, []))


def _searched(org: OrganisationView, field: str) -> bool:
    return any(s.value == field for s in org.facts.get("not_found", []))


def coverage(study: StudyView) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for field in (*SEARCHED_FIELDS, *OTHER_FIELDS):
        with_value = [o for o in study.organisations if _has(o, field)]
        searched = [o for o in study.organisations if not _has(o, field) and _searched(o, field)]
        untouched = [
            o for o in study.organisations if not _has(o, field) and not _searched(o, field)
        ]
        fields[field] = {
            "with_value": len(with_value),
            "looked_for_not_found": len(searched),
            "not_looked_for": len(untouched),
            "without_value": sorted(o.name for o in study.organisations if not _has(o, field)),
        }
    precision: dict[str, int] = {}
    for org in study.organisations:
        level = org.value("hq_precision") or "none"
        precision[level] = precision.get(level, 0) + 1
    return {
        "organisations": len(study.organisations),
        "fields": fields,
        "hq_precision": dict(sorted(precision.items())),
        "conflicts": conflicts(study),
    }


def conflicts(study: StudyView) -> list[dict[str, Any]]:
    """Properties with two different values from sources, shown side by side."""
    single = ("founded_year", "hq_city", "hq_country", "legal_form", "incorporated_year", "phone")
    out = []
    for org in study.organisations:
        for prop in single:
            values = sorted({s.value for s in org.facts.get(prop, []) if s.value})
            if len(values) > 1:
                out.append(
                    {
                        "organisation": org.id,
                        "name": org.name,
                        "property": prop,
                        "values": values,
                        "preferred": org.value(prop),
                    }
                )
    return out
