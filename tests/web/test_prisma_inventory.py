"""The Search page's PRISMA section and the ``inventory`` facet, over the bundled study: the
build screens the declared 2026 run with its recorded decisions (data/screening/), so the
pages show that run and the 2026 update's organisations."""

from __future__ import annotations

import json
from typing import Any

import pytest

pytestmark = pytest.mark.db
RUN = "frehywot2019-2026-web"
ADDED = 3  # data/sources/update2026/organisations.csv


def test_prisma_page_and_twin_show_the_screened_2026_run(web: Any) -> None:
    from diaspora_atlas.report.prisma import prisma_counts

    counts = prisma_counts(RUN).as_json()
    twin = web.get("/search/prisma.json").json()
    [run] = twin["runs"]
    assert run["run"] == RUN and run["prisma"]["included"] == counts["included"]
    assert run["prisma"]["included_new"] == counts["included_new"] == twin["added"]["total"]
    assert run["agreement"]["reviewers"] == ["agent-reviewer-a", "agent-reviewer-b"]
    page = web.get("/search/prisma/")
    assert page.status_code == 200 and RUN.encode() in page.content


def test_the_inventory_facet_counts_the_2019_list(web: Any) -> None:
    found = web.get("/organisations.json", {"inventory": "frehywot2019", "per_page": 200}).json()
    assert found["total"] == 89
    facet = next(f for f in found["facets"] if f["facet"] == "inventory")
    assert facet["title"] == "Inventory"
    assert [(v["value"], v["label"], v["count"]) for v in facet["values"]] == [
        ("frehywot2019", "2019 (Frehywot et al.)", 89)
    ]  # the site shows frehywot2019's inventory; the update is frehywot2019-update2026's
    bad = web.get("/organisations.json", {"inventory": "nonsense"})
    assert bad.status_code == 400


def test_the_home_page_counts_each_inventory(web: Any) -> None:
    home = web.get("/index.json").json()
    assert home["inventories"]["counts"] == {"frehywot2019": 89}
    assert home["inventories"]["elsewhere"] == {"update2026": ADDED}
    assert home["inventories"]["served_by"] == ["frehywot2019-update2026"]
    assert b"serve --protocol frehywot2019-update2026" in web.get("/").content
    assert b"2019 (Frehywot et al.)" in web.get("/").content


def test_matching_offers_only_the_organisations_the_site_shows(web: Any) -> None:
    from diaspora_atlas.protocol import load_protocol
    from diaspora_atlas.web import scope

    name = "Jordanian American Physicians Association"  # added by the 2026 update
    query = json.dumps({"q0": {"query": name}})

    def offered() -> tuple[list[str], list[str]]:
        matched = web.get("/api/match", {"name": name}).json()["items"]
        reconciled = web.get("/api/reconcile", {"queries": query}).json()["q0"]["result"]
        return [i["organisation"]["name"] for i in matched], [r["name"] for r in reconciled]

    assert name not in offered()[0] and name not in offered()[1]  # the 2019 site
    before = scope.site_protocol()
    try:
        scope.use_protocol(load_protocol("frehywot2019-update2026"))
        matched, reconciled = offered()
        assert matched[0] == name and reconciled[0] == name
    finally:
        scope.use_protocol(before)
