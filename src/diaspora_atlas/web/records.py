"""One organisation's page, as data: what a reader came for first (how to reach it, what it
does, where it is), then how to cite it, then the workings (every fact and its source,
what was looked for and not found, the history of statements).
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from diaspora_atlas.model.focuses import focus_record
from diaspora_atlas.model.projection import chosen_value
from diaspora_atlas.report.maps import region_word
from diaspora_atlas.store import pages, websites
from diaspora_atlas.web import labels
from diaspora_atlas.web.cache import memo
from diaspora_atlas.web.facts import (
    Facts,
    chosen,
    country_names,
    current,
    facts_view,
    not_found,
    source_of,
    sourced,
    with_article,
)
from diaspora_atlas.web.figures import Figure, host_figure
from diaspora_atlas.web.numbers import release

CONTACT_PROPS = ("social_url", "email", "phone", "hq_street")
ID_PROMISE = (
    "The id {id} is opaque, stable and never reused: it names this organisation for good. "
    "A new name, a merger or a withdrawal is recorded as a fact about the record, never by "
    "changing or reusing the id, so this address keeps answering. The facts on the page may "
    "change as sources do: cite the data version to name the state you read."
)


def _website(facts: Facts, summary: dict[str, Any], sources: dict[str, Any]) -> dict[str, Any]:
    now = chosen(facts, "website_current")
    then = chosen(facts, "website")
    presence = summary.get("online_presence", "")
    found: dict[str, Any] = {"current": None, "in_2019": None}
    if now is not None:
        found["current"] = sourced("website_current", now, sources)
    if then is not None and presence == "website":
        if now is None:
            found["current"] = {**sourced("website", then, sources), "as_of_2019": True}
        elif then["value"].rstrip("/") != now["value"].rstrip("/"):
            found["in_2019"] = sourced("website", then, sources)
    return found


def _social(facts: Facts, summary: dict[str, Any], sources: dict[str, Any]) -> list[dict[str, Any]]:
    pages_found = [sourced("social_url", s, sources) for s in current(facts, "social_url")]
    then = chosen(facts, "website")
    facebook = then is not None and summary.get("online_presence") == "facebook_only"
    if then is not None and facebook and all(p["value"] != then["value"] for p in pages_found):
        pages_found.append({**sourced("website", then, sources), "as_of_2019": True})
    return pages_found


def _address(facts: Facts, summary: dict[str, Any], sources: dict[str, Any]) -> dict[str, Any]:
    parts = {p: chosen(facts, p) for p in ("hq_street", "hq_city", "hq_region", "hq_postcode")}
    if not any(parts.values()):
        return {"lines": [], "sources": []}
    town = " ".join(
        str(x)
        for x in (
            chosen_value(facts, "hq_city") + ("," if parts["hq_region"] else ""),
            summary.get("hq_region") or chosen_value(facts, "hq_region"),
            chosen_value(facts, "hq_postcode"),
        )
        if x and x != ","
    )
    country = country_names().get(chosen_value(facts, "hq_country_iso3"), "")
    lines = [x for x in (chosen_value(facts, "hq_street"), town, country) if x]
    links: dict[str, dict[str, str]] = {}
    for statement in parts.values():
        if statement is not None:
            link = source_of(statement, sources)
            links.setdefault(link["url"] or link["title"], link)
    return {"lines": lines, "sources": list(links.values())}


def contact_data(facts: Facts, summary: dict[str, Any], sources: dict[str, Any]) -> dict[str, Any]:
    """How to reach the organisation, each way with the public source that gives it."""
    missing = [n for n in not_found(facts) if n["property"] in CONTACT_PROPS]
    return {
        "website": _website(facts, summary, sources),
        "social": _social(facts, summary, sources),
        "email": [sourced("email", s, sources) for s in current(facts, "email")],
        "phone": [sourced("phone", s, sources) for s in current(facts, "phone")],
        "address": _address(facts, summary, sources),
        "not_found": missing,
    }


def about_data(facts: Facts, sources: dict[str, Any]) -> dict[str, Any]:
    """What it does and what it is, each with its source."""

    def one(prop: str) -> dict[str, Any] | None:
        found = chosen(facts, prop)
        return sourced(prop, found, sources) if found is not None else None

    return {
        "mission": one("mission_summary"),
        "in_its_words": one("mission_quote"),
        "roles": [
            {**sourced("role", s, sources), "url": f"/organisations/?role={s['value']}"}
            for s in current(facts, "role")
        ],
        "founded": one("founded_year"),
        "legal_form": one("legal_form"),
        "registration": one("registration_id"),
        "status_note": one("status_note"),
    }


def location_data(facts: Facts, summary: dict[str, Any]) -> dict[str, Any]:
    lat, lon = chosen_value(facts, "hq_lat"), chosen_value(facts, "hq_lon")
    precision = chosen_value(facts, "hq_precision") or "country"
    host = summary.get("host_iso3", "")
    where = ", ".join(x for x in (summary.get("hq_city"), summary.get("hq_region")) if x)
    return {
        "city": chosen_value(facts, "hq_city"),
        "region": chosen_value(facts, "hq_region"),
        "country_iso3": chosen_value(facts, "hq_country_iso3") or host,
        "lat": float(lat) if lat else None,
        "lon": float(lon) if lon else None,
        "precision": precision,
        "precision_label": labels.label("precision", precision),
        "region_word": region_word(host),
        "where": where or f"Somewhere in {with_article(str(summary.get('host_name', host)))}",
    }


def cite_data(org_id: str, name: str, base_url: str) -> dict[str, Any]:
    data = release()
    url = f"{base_url}/organisations/{org_id}/"
    version = f"data version {data['version']} of {data['date']}" if data["version"] else ""
    return {
        "id": org_id,
        "url": url,
        "json_url": f"{base_url}/organisations/{org_id}.json",
        "version": data["version"],
        "date": data["date"],
        "text": f"{name}. In: Medical Diaspora Atlas, record {org_id}"
        + (f", {version}" if version else "")
        + f". {url}",
        "promise": ID_PROMISE.format(id=org_id),
    }


LOCATED = ("address", "city", "region")


def location_map(host_iso3: str, precision: str) -> Figure | None:
    """The host's map for an organisation located at least to its region; none otherwise
    (no large map for a record whose place is not known)."""
    return host_figure(host_iso3) if precision in LOCATED else None


def organisation_data(org_id: str, base_url: str = "") -> dict[str, Any] | None:
    """An organisation's page data, computed once per data version (none for an unknown id:
    those are never kept)."""
    if org_id not in memo("organisation-ids", pages.organisation_ids):
        return None
    return memo(f"organisation:{base_url}:{org_id}", lambda: _organisation_data(org_id, base_url))


def workings_html(org_id: str, found: dict[str, Any]) -> str:
    """The record's folded workings (facts, sources, history, checks), rendered once per data
    version: the largest part of the page, and the same for every request."""
    return memo(
        f"workings:{org_id}", lambda: render_to_string("web/_workings.html", {"data": found})
    )


def _organisation_data(org_id: str, base_url: str) -> dict[str, Any] | None:
    found = pages.organisation(org_id)
    if found is None:
        return None
    facts: Facts = found["facts"]
    summary = {**found["summary"], "url": f"/organisations/{org_id}/"}
    sources = found["sources"]
    workings = facts_view(facts)
    location = location_data(facts, summary)
    shown = location_map(str(summary.get("host_iso3", "")), location["precision"])
    return {
        "organisation": summary,
        "contact": contact_data(facts, summary, sources),
        "about": about_data(facts, sources),
        "location": location,
        "map": shown.as_json() if shown else None,
        "cite": cite_data(org_id, str(summary["name"]), base_url),
        "facts": workings,
        "conflicts": [r["property"] for r in workings if r["conflict"]],
        "narrative": [sourced("narrative", s, sources) for s in current(facts, "narrative")],
        "not_found": not_found(facts),
        "sources": sources,
        "history": found["history"],
        "last_modified": found["last_modified"],
        "last_verified": found["last_verified"],
        "checks": websites.check_history(org_id),
        "focuses": focus_record(facts),
    }
