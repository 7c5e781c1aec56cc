"""What a build covers under its protocol, and what it cannot compute yet (and why)."""

from __future__ import annotations

from diaspora_atlas.protocol import Protocol
from diaspora_atlas.report.figures import undrawable
from diaspora_atlas.report.study import StudyView
from diaspora_atlas.settings import DEFAULT_PROTOCOL

SEARCH_HINT = (
    "run the search (diaspora-atlas search plan --protocol {id}, then import its results) "
    "to build one"
)


def not_computed(study: StudyView, protocol: Protocol) -> list[dict[str, str]]:
    """Each thing the build cannot compute under this protocol, with the reason and what to do."""
    missing = protocol.hosts_without_inventory
    hint = SEARCH_HINT.format(id=protocol.id)
    found: list[dict[str, str]] = []
    if not study.organisations:
        found.append(
            {
                "what": "organisations and all that is counted from them (origin countries, "
                "coverage, tables, maps, the report)",
                "reason": f"no inventory for {', '.join(missing)} yet"
                if missing
                else "the protocol's inventories hold no organisations",
                "hint": hint,
            }
        )
    elif missing:
        found.append(
            {
                "what": f"the organisations in {', '.join(missing)}",
                "reason": f"no inventory for {', '.join(missing)} yet",
                "hint": hint,
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
