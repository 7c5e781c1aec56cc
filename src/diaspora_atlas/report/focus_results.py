"""Step 5 in the results: the organisations' focuses as the store holds them (the synthesise
stage's labels through the projection, curators' judgements applied), and the Discussion's
claims evaluated on those labels (report.discussion), never on the gold file."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from diaspora_atlas.model.focuses import FOCUS_CODES, NO_LABEL, NO_TEXT, focus_record
from diaspora_atlas.protocol import Protocol
from diaspora_atlas.refdata.workforce import doctor_densities
from diaspora_atlas.report import discussion
from diaspora_atlas.report.study import OrganisationView, StudyView

Records = Mapping[str, dict[str, Any]]
NOT_CLASSIFIED = "not_classified"  # the synthesise stage has not run on this store


def focus_records(study: StudyView) -> dict[str, dict[str, Any]]:
    """Each organisation's focus record (model.focuses), read once for every section."""
    return {o.id: focus_record(o.entity.facts_json()) for o in study.organisations}


def _status(record: Mapping[str, Any]) -> str:
    return str(record["status"]) or NOT_CLASSIFIED


def _mix(orgs: list[OrganisationView], records: Records) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for org in orgs:
        record = records[org.id]
        counts.update(record["codes"])
        if not record["codes"]:
            counts[NO_TEXT if record["focuses"] == NO_TEXT else NO_LABEL] += 1
    return {
        "organisations": len(orgs),
        **{code: counts[code] for code in FOCUS_CODES},
        NO_LABEL: counts[NO_LABEL],
        NO_TEXT: counts[NO_TEXT],
    }


def focus_results(study: StudyView, records: Records) -> dict[str, Any]:
    """Counts by focus, status and method, and the focus mix per origin and per host."""
    methods: Counter[str] = Counter()
    for record in records.values():
        methods.update(lb["method"] for lb in record["labels"] if lb["status"] != "rejected")
    origins = sorted({c for o in study.organisations for c in o.origin_iso3})
    hosts = sorted({o.host_iso3 for o in study.organisations if o.host_iso3})
    return {
        "codes": list(FOCUS_CODES),
        "total": _mix(list(study.organisations), records),
        "by_status": dict(sorted(Counter(_status(r) for r in records.values()).items())),
        "by_method": dict(sorted(methods.items())),
        "by_origin": {
            c: _mix([o for o in study.organisations if c in o.origin_iso3], records)
            for c in origins
        },
        "by_host": {
            h: _mix([o for o in study.organisations if o.host_iso3 == h], records) for h in hosts
        },
        "note": "Labels of the synthesise stage (rules in data/rules/focus_rules.csv, then the "
        "offline sentence model), with curators' judgements applied; an organisation with no "
        "text to judge counts as no_text, never as 'no'.",
    }


def _roles(org: OrganisationView) -> dict[str, tuple[str, ...]]:
    """Sourced roles (read from pages by people) with the words that support each."""
    found: dict[str, list[str]] = {}
    for s in org.facts.get("role", ()):
        found.setdefault(s.value, []).append(
            " ".join(filter(None, (s.rationale, s.original_value)))
        )
    return {role: tuple(texts) for role, texts in found.items()}


def org_focuses(study: StudyView, records: Records) -> tuple[discussion.OrgFocus, ...]:
    return tuple(
        discussion.OrgFocus(
            id=o.id,
            name=o.name,
            host_iso3=o.host_iso3,
            origin_iso3=o.origin_iso3,
            focuses=None if records[o.id]["focuses"] == NO_TEXT else tuple(records[o.id]["codes"]),
            paper_row=o.paper_row,
            roles=_roles(o),
        )
        for o in study.organisations
    )


def discussion_results(
    study: StudyView, protocol: Protocol, records: Records
) -> list[dict[str, Any]]:
    """Each claim of the Discussion with its verdict, the counts behind it and the
    organisations it rests on; ``names`` maps those ids to names for readers."""
    densities = {k: v.per10000 for k, v in doctor_densities().items()}
    context = discussion.Context(org_focuses(study, records), protocol.lmic_iso3s(), densities)
    names = {o.id: o.name for o in study.organisations}
    return [
        {**v.as_dict(), "names": {o: names.get(o, o) for o in v.organisations}}
        for v in discussion.evaluate(discussion.load_claims(), context)
    ]
