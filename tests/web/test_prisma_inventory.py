"""The Search page's PRISMA section and the ``inventory`` facet, over the bundled study."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.db


def test_prisma_page_and_twin_without_a_screened_run(web: Any) -> None:
    page = web.get("/search/prisma/")
    assert page.status_code == 200 and b"No search run has been screened" in page.content
    twin = web.get("/search/prisma.json").json()
    assert twin["runs"] == [] and twin["added"]["total"] == 0


def test_the_inventory_facet_counts_the_2019_list(web: Any) -> None:
    found = web.get("/organisations.json", {"inventory": "frehywot2019", "per_page": 200}).json()
    assert found["total"] == 89
    facet = next(f for f in found["facets"] if f["facet"] == "inventory")
    assert facet["title"] == "Inventory"
    assert [(v["value"], v["label"], v["count"]) for v in facet["values"]] == [
        ("frehywot2019", "2019 (Frehywot et al.)", 89)
    ]
    bad = web.get("/organisations.json", {"inventory": "nonsense"})
    assert bad.status_code == 400


def test_the_home_page_counts_each_inventory(web: Any) -> None:
    home = web.get("/index.json").json()
    assert home["inventories"]["counts"] == {"frehywot2019": 89}
    assert b"2019 (Frehywot et al.)" in web.get("/").content
