"""Government diaspora bodies, as data: the list (current body first, the 2019 body as
history) and one body's page (what it is now, what it was in the paper's Table 2, what
happened in between, then the workings)."""

from __future__ import annotations

import json
from typing import Any

from diaspora_atlas.store import pages
from diaspora_atlas.web import labels
from diaspora_atlas.web.facts import chosen, event_words, facts_view, sourced
from diaspora_atlas.web.numbers import numbers


def office_url(office_id: str) -> str:
    return f"/offices/{office_id}/"


def _labelled(row: dict[str, Any]) -> dict[str, Any]:
    now = row["now"]
    return {
        **row,
        "url": office_url(row["id"]),
        "type_label": labels.label("institution_type", row["institution_type"]),
        "now": {
            **now,
            "type_label": labels.label("institution_type", now["institution_type"]),
            "status_label": labels.label("office_status", now["status"]) if now["status"] else "",
        },
        "events_text": [event_words_of(e) for e in _events(row["events"])],
    }


def event_words_of(event: dict[str, Any]) -> str:
    return event_words(json.dumps(event))


def _events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each event once (two sources giving one event on different days count once, the
    first detail shown), by year."""
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for e in events:
        seen.setdefault((e.get("kind"), e.get("year_from"), e.get("year_to")), e)
    return sorted(seen.values(), key=lambda e: (e.get("year_from") or 0, str(e.get("kind"))))


def offices_data(kind: str, country: str) -> dict[str, Any]:
    found = pages.offices(kind, country)
    return {
        "query": {"type": kind, "country": country},
        "total": len(found["offices"]),
        "numbers": numbers("bodies_listed", "government_bodies", "countries_with_government_body"),
        "types": [
            {
                "value": t,
                "label": labels.label("institution_type", t),
                "count": n,
                "selected": t == kind,
            }
            for t, n in sorted(found["types"].items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "offices": offices_of(found["offices"]),
        "table2": pages.listings() if not kind and not country else [],
    }


def office_data(office_id: str) -> dict[str, Any] | None:
    found = pages.office(office_id)
    if found is None:
        return None
    facts, sources = found["facts"], found["sources"]
    row = _labelled(found["office"])
    website_now = chosen(facts, "website_current")
    name_now = chosen(facts, "current_name")
    return {
        "office": row,
        "now": {
            **row["now"],
            "website": sourced("website_current", website_now, sources) if website_now else None,
            "name_source": sourced("current_name", name_now, sources) if name_now else None,
        },
        "in_2019": {
            "name": row["name"],
            "type_label": row["type_label"],
            "parent": row["parent"],
            "websites": row["websites"],
        },
        "events": [
            {**e, "text": event_words_of(e), "kind_label": labels.label("event", e["kind"])}
            for e in _events(row["events"])
        ],
        "facts": facts_view(facts),
        "listings": found["listings"],
        "sources": sources,
        "history": found["history"],
        "last_modified": found["last_modified"],
    }


def offices_of(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Office rows (``store.pages``) with their links and labels."""
    return [_labelled(r) for r in rows]
