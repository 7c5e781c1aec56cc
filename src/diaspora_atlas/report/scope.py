"""What a build covers under its protocol, and what it cannot compute yet (and why)."""

from __future__ import annotations

from typing import Any

from diaspora_atlas.protocol import Protocol
from diaspora_atlas.report.figures import undrawable
from diaspora_atlas.report.study import StudyView
from diaspora_atlas.settings import DEFAULT_PROTOCOL

SEARCH_HINT = (
    "run the search (diaspora-atlas search plan --protocol {id}, then import its results) "
    "to build one"
)


def protocol_summary(protocol: Protocol) -> dict[str, Any]:
    """The protocol in brief, for results.json and the build summary."""
    lmics = protocol.lmic_iso3s()
    per_country = sum(
        len(protocol.search.queries("COUNTRY", lang)) for lang in protocol.search.languages
    )
    return {
        "id": protocol.id,
        "title": protocol.title,
        "citation": protocol.citation,
        "url": protocol.url,
        "file": protocol.file.name,
        "hosts": [
            {"iso3": h.iso3, "name": h.name, "languages": list(h.languages)} for h in protocol.hosts
        ],
        "lmic": {
            "fiscal_year": protocol.lmic.fiscal_year,
            "income_groups": list(protocol.lmic.income_groups),
            "countries": len(lmics),
            "added": [c.iso3 for c in protocol.lmic.additions],
            "removed": [c.iso3 for c in protocol.lmic.removals],
        },
        "criteria": [c.code for c in protocol.criteria],
        "exceptions": [x.code for x in protocol.exceptions],
        "search": {
            "engines": [e.name for e in protocol.search.engines],
            "languages": list(protocol.search.languages),
            "combine": protocol.search.combine,
            "queries_per_engine": per_country * len(lmics),
        },
        "dual_review": protocol.screening.dual_review,
        "inventories": list(protocol.inventory_datasets),
        "hosts_without_inventory": list(protocol.hosts_without_inventory),
    }


def not_computed(study: StudyView, protocol: Protocol) -> list[dict[str, str]]:
    """Each thing the build cannot compute under this protocol, with the reason and what to do."""
    missing = protocol.hosts_without_inventory
    found: list[dict[str, str]] = []
    if missing:
        found.append(
            {
                "what": f"the organisations in {', '.join(missing)}",
                "reason": f"no inventory for {', '.join(missing)} yet",
                "hint": SEARCH_HINT.format(id=protocol.id),
            }
        )
    if not study.organisations:
        found.append(
            {
                "what": "organisation counts, origin countries, coverage, tables, maps and the report",
                "reason": "the protocol's inventories hold no organisations"
                if protocol.inventories
                else "the protocol has no inventory",
                "hint": SEARCH_HINT.format(id=protocol.id),
            }
        )
    if not study.claims:
        found.append(
            {
                "what": "verdicts on published numbers and the reproduction audit",
                "reason": "no inventory of this protocol comes with published numbers to check "
                f"(inventories: {', '.join(protocol.inventory_datasets) or 'none'})",
                "hint": "published numbers are checked under the protocol whose inventory "
                f"holds them (the default: --protocol {DEFAULT_PROTOCOL})",
            }
        )
    for line in undrawable(protocol.figures) if study.organisations else ():
        found.append(
            {"what": f"map {line.split(':', 1)[0]}", "reason": line.split(": ", 1)[1], "hint": ""}
        )
    return found
