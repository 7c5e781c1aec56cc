"""Websites since 2019: the one source of the numbers the home page, its JSON twin, the
directory facet, the report and its CSV show (they all call ``since_2019``), read from the
directory's facet rows (``website_today``, decided by ``model.websites.website_today``);
and each record's history of checks, read from the store's statements of dataset
``verify`` (retracted ones included: every check ever made)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection
from typing import Any

from diaspora_atlas.model.websites import CHECK_OUTCOME, groups
from diaspora_atlas.store import models as orm
from diaspora_atlas.store.pages import of_inventories

FACET = "website_today"
CHECKS_DATASET = "verify"


def since_2019(inventories: Collection[str]) -> dict[str, Any]:
    """Of the websites of the organisations of ``inventories`` (the protocol's), how many are
    alive, moved, social-only, parked, dead... now: in all, per host country and per origin
    continent (an organisation of two continents counts in both)."""
    members = of_inventories(inventories)
    rows = orm.OrganisationFacet.objects.filter(
        facet__in=(FACET, "host", "continent"), organisation_id__in=members
    )
    today: dict[str, str] = {}
    hosts: dict[str, str] = {}
    continents: dict[str, set[str]] = defaultdict(set)
    for org_id, facet, value in rows.values_list("organisation_id", "facet", "value"):
        if facet == FACET:
            today[org_id] = value
        elif facet == "host":
            hosts[org_id] = value
        else:
            continents[org_id].add(value)
    order = list(groups())
    totals = Counter(today.values())
    by_host: dict[str, Counter[str]] = defaultdict(Counter)
    by_continent: dict[str, Counter[str]] = defaultdict(Counter)
    for org_id, group in today.items():
        by_host[hosts.get(org_id, "")][group] += 1
        for continent in continents.get(org_id, set()):
            by_continent[continent][group] += 1

    def ordered(counts: Counter[str]) -> dict[str, int]:
        return {g: counts.get(g, 0) for g in order}

    return {
        "organisations": len(today),
        "groups": [
            {"group": g.group, "label": g.label, "definition": g.definition}
            for g in groups().values()
        ],
        "total": ordered(totals),
        "by_host": {k: ordered(v) for k, v in sorted(by_host.items())},
        "by_continent": {k: ordered(v) for k, v in sorted(by_continent.items())},
    }


def check_history(entity_id: str) -> list[dict[str, Any]]:
    """Every check of the entity's addresses, newest first: outcome, final URL, status, title,
    archived copy, and whether the title or the content changed since the previous check."""
    checks: dict[tuple[str, str], dict[str, Any]] = {}
    rows = orm.Statement.objects.filter(entity_id=entity_id, dataset=CHECKS_DATASET)
    for url, at, prop, value, rationale in rows.values_list(
        "source_url", "retrieved_at", "prop", "value", "rationale"
    ):
        check = checks.setdefault((url, at), {"url": url, "checked_at": at})
        check[prop.removeprefix("check_")] = value
        if prop == CHECK_OUTCOME:
            check["evidence"] = rationale
    ordered = sorted(checks.values(), key=lambda c: (c["url"], c["checked_at"]))
    previous: dict[str, dict[str, Any]] = {}
    for check in ordered:
        before = previous.get(check["url"])
        check["title_changed"] = before is not None and before.get("title") != check.get("title")
        check["content_changed"] = before is not None and before.get("content_hash") != check.get(
            "content_hash"
        )
        previous[check["url"]] = check
    return sorted(ordered, key=lambda c: c["checked_at"], reverse=True)
