"""The Discussion's claims: each metric on small cases (the bundled claims: tests/synthesise)."""

from __future__ import annotations

from typing import Any

import pytest

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.report.discussion import Context, OrgFocus, evaluate
from diaspora_atlas.report.verdicts import NOT_REPRODUCED, NOT_REPRODUCIBLE, REPRODUCED


def org(i: str, host: str, origin: str, focuses: tuple[str, ...] | None, **kw: Any) -> OrgFocus:
    return OrgFocus(i, f"Org {i}", host, (origin,), focuses, **kw)


ORGS = (
    org("a", "USA", "NGA", ("home_country",)),
    org("b", "GBR", "GHA", ("home_country", "professional_network")),
    org("c", "USA", "ETH", ("professional_network",)),
    org("d", "USA", "SDN", None),
    org("e", "USA", "CHN", ("migrant_care",), roles={"research_publication": ("the X Journal",)}),
    org("f", "USA", "VNM", None),
)
CTX = Context(
    ORGS,
    frozenset({"NGA", "GHA", "ETH", "SDN", "ZAF", "FJI", "PNG"}),
    {"NGA": 4.0, "GHA": 1.4, "ETH": 1.0, "CHN": 22.0},
)


def one(claim: dict[str, Any]) -> Any:
    return evaluate([{"id": "t", "location": "here", "quote": "q", "value": None, **claim}], CTX)[0]


def test_share_counts_no_text_apart() -> None:
    v = one(
        {
            "metric": "focus.share",
            "focus": "home_country",
            "origin_regions": ["Africa"],
            "test": {"more_than": 0.5},
        }
    )
    assert v.verdict == REPRODUCED and v.computed == pytest.approx(0.667)
    assert v.counts == {"with": 2, "judged": 3, "no_text": 1}
    assert set(v.organisations) == {"a", "b"}
    v = one({"metric": "focus.share", "focus": "home_country", "test": {"at_least": 1.0}})
    assert v.verdict == NOT_REPRODUCED


def test_groups_separate_no_and_no_text() -> None:
    groups = [
        {"label": "Chinese Americans", "origins": ["CHN"], "host": "USA"},
        {"label": "Vietnamese Americans", "origins": ["VNM"], "host": "USA"},
    ]
    v = one({"metric": "focus.groups", "focus": "migrant_care", "groups": groups})
    assert v.verdict == NOT_REPRODUCIBLE  # Vietnamese: no text to judge
    groups.append({"label": "Nigerians", "origins": ["NGA"]})
    v = one({"metric": "focus.groups", "focus": "migrant_care", "groups": groups})
    assert v.verdict == NOT_REPRODUCED and "Nigerians: none of its 1" in v.explanation


def test_regions_density_and_countries() -> None:
    v = one({"metric": "focus.regions", "focus": "professional_network", "test": {"at_least": 3}})
    assert v.verdict == NOT_REPRODUCED and v.computed == ["Africa"]
    v = one({"metric": "focus.density_contrast", "focus": "home_country"})
    assert v.verdict == REPRODUCED and v.counts["median_with"] == pytest.approx(2.7)
    v = one(
        {
            "metric": "countries.without_organisation",
            "countries": ["ZAF"],
            "most_of_subregions": ["Melanesia"],
        }
    )
    assert v.verdict == REPRODUCED and v.counts["subregion_lmics_without"] == 2
    v = one({"metric": "countries.without_organisation", "countries": ["ZAF", "NGA"]})
    assert v.verdict == NOT_REPRODUCED and v.organisations == ("a",)


def test_roles_and_untestable() -> None:
    role = {"role": "research_publication", "evidence_pattern": "journal"}
    assert (
        one({"metric": "roles.handful", "test": {"at_most": 0}, **role}).verdict == NOT_REPRODUCED
    )
    assert one({"metric": "roles.named", "paper_rows": [7], **role}).verdict == NOT_REPRODUCED
    assert one({"metric": "not_testable", "reason": "no data"}).verdict == NOT_REPRODUCIBLE


def test_unknown_metric_is_a_data_error() -> None:
    with pytest.raises(DataFileError, match="unknown metric"):
        one({"metric": "focus.nonsense"})
