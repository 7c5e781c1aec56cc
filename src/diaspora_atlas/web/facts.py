"""Facts as a person reads them: each value in words, with its source, and the evidence
shown once.

Values are read as the one projection chose them (``chosen`` in the read models' facts,
``model.projection``); a value judged wrong is never shown as current.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from diaspora_atlas.model.facts import MULTI_VALUED
from diaspora_atlas.store import pages
from diaspora_atlas.web import labels
from diaspora_atlas.web.cache import memo

Facts = Mapping[str, Sequence[Mapping[str, Any]]]
COUNTRY_PROPS = {
    "host_iso3",
    "origin_iso3",
    "hq_country_iso3",
    "hq_country",
    "country_iso3",
    "inferred_host_iso3",
    "inferred_origin_iso3",
}
CODED_PROPS = {
    "role": "role",
    "online_presence": "presence",
    "institution_type": "institution_type",
    "current_institution_type": "institution_type",
    "legal_form": "legal_form",
    "hq_precision": "precision",
    "status": "office_status",
    "not_found": "property",
}
# Shown inside the one "Location" fact, never as facts of their own.
LOCATION_DETAIL = ("hq_lat", "hq_lon", "hq_geonames_id", "hq_region_code", "hq_country_iso3")
HIDDEN = {"not_found", "narrative", "listed_in", "paper_row", "position", "listing"}
HIDDEN |= {"focus", "role_label", "focus_status"}  # shown by web/_focuses.html
HIDDEN |= {"page_text"}  # pages of text, for step 5: its focus labels quote the sentence


def country_names() -> dict[str, str]:
    return memo("country_names", pages.country_names)


_THE = {"Philippines", "Netherlands", "Gambia", "Bahamas", "Comoros", "Maldives", "Seychelles"}


def with_article(name: str) -> str:
    """A country's name as a sentence uses it: 'the United States', 'the Philippines'."""
    needs = (
        name in _THE
        or name.startswith(
            ("United ", "Republic", "Democratic ", "Central African", "Dominican Rep")
        )
        or name.endswith((" Islands", " Republic", " Emirates"))
    )
    return f"the {name}" if needs else name


def event_words(value: str) -> str:
    """A dated event (stored as JSON) in words: '2019 — Abolished: replaced by …'."""
    try:
        event = json.loads(value)
    except ValueError:
        return value
    start, end = event.get("year_from"), event.get("year_to")
    when = "Date not known" if not start else str(start)
    if start and end and end != start:
        when += f"–{end}"
    kind = labels.label("event", str(event.get("kind", "")))
    detail = event.get("detail") or ""
    return f"{when} — {kind}" + (f": {detail}" if detail else "")


def display_value(prop: str, value: str) -> str:
    """A statement's value in words (country names, vocabulary labels, events)."""
    if prop in COUNTRY_PROPS:
        return country_names().get(value, value)
    if prop in CODED_PROPS:
        return labels.label(CODED_PROPS[prop], value)
    if prop == "event":
        return event_words(value)
    return value


def source_of(statement: Mapping[str, Any], sources: Mapping[str, Any]) -> dict[str, str]:
    """Where a value comes from, as a link: the page it was read on, else its source."""
    known = sources.get(statement.get("source_id", ""), {})
    title = known.get("title") or labels.label("dataset", statement.get("dataset", ""))
    return {
        "title": title,
        "url": statement.get("source_url") or known.get("url", ""),
        "retrieved_at": statement.get("retrieved_at", ""),
    }


def chosen(facts: Facts, prop: str) -> Mapping[str, Any] | None:
    return next((s for s in facts.get(prop, ()) if s.get("chosen") and s.get("value")), None)


def current(facts: Facts, prop: str) -> list[Mapping[str, Any]]:
    """Every value not judged wrong, once each (multi-valued properties), chosen first."""
    seen: dict[str, Mapping[str, Any]] = {}
    for s in sorted(facts.get(prop, ()), key=lambda s: not s.get("chosen")):
        if s.get("value") and not s.get("rejected"):
            seen.setdefault(str(s["value"]), s)
    return list(seen.values())


def sourced(prop: str, statement: Mapping[str, Any], sources: Mapping[str, Any]) -> dict[str, Any]:
    """A value in words with its source link."""
    return {
        "value": statement["value"],
        "display": display_value(prop, str(statement["value"])),
        "source": source_of(statement, sources),
        "as_of_2019": False,
        "url": "",
    }


def _shown(prop: str, s: Mapping[str, Any], seen: dict[str, str], label: str) -> dict[str, Any]:
    evidence = s.get("rationale") or ""
    repeated = seen.get(evidence, "") if evidence else ""
    if evidence and not repeated:
        seen[evidence] = label
    return {
        **{k: v for k, v in s.items() if k != "rejected"},
        "display": display_value(prop, str(s["value"])),
        "dataset_label": labels.label("dataset", str(s.get("dataset", ""))),
        "why_chosen": labels.label("choice_reason", str(s.get("choice_reason", "")))
        if s.get("chosen")
        else "",
        "evidence": "" if repeated else evidence,
        "evidence_as_for": repeated,
        "rejected": s.get("rejected", ""),
    }


def facts_view(
    facts: Facts, order: Sequence[str] = tuple(labels.PROPERTY_LABELS)
) -> list[dict[str, Any]]:
    """Every fact in display order with its statements; conflicting values of a
    single-valued property flagged; an evidence text shown once per page."""
    rank = {p: i for i, p in enumerate(order)}
    seen: dict[str, str] = {}
    rows = []
    for prop in sorted(facts, key=lambda p: (rank.get(p, len(rank)), p)):
        if prop in HIDDEN or prop in LOCATION_DETAIL:
            continue
        statements = [s for s in facts[prop] if s.get("value")]
        if not statements:
            continue
        label = labels.label("property", prop)
        distinct = {s["value"] for s in statements if not s.get("rejected")}
        rows.append(
            {
                "property": prop,
                "label": label,
                "conflict": prop not in MULTI_VALUED and len(distinct) > 1,
                "statements": [_shown(prop, s, seen, label) for s in statements],
            }
        )
    return rows


def not_found(facts: Facts) -> list[dict[str, str]]:
    """What was looked for in public sources and not found, and when (the searches
    themselves stay in the statement history)."""
    found: dict[str, dict[str, str]] = {}
    for s in facts.get("not_found", ()):
        prop = str(s.get("value", ""))
        if prop and chosen(facts, prop) is None:
            found.setdefault(
                prop,
                {
                    "property": prop,
                    "label": labels.label("property", prop),
                    "looked_on": str(s.get("retrieved_at", ""))[:10],
                },
            )
    return list(found.values())
