"""Country profiles from results (report.profiles), on a hand-made results document."""

from __future__ import annotations

from typing import Any

from diaspora_atlas.report.profiles import country_profile


def figure(value: float | None, reason: str = "") -> dict[str, Any]:
    return {
        "value": value,
        "year": 2018 if value is not None else None,
        "source": "OECD",
        "reason": reason,
    }


def cell(
    host: str, status: str, orgs: list[str], stock: float | None, by: str = ""
) -> dict[str, Any]:
    return {"origin_iso3": "", "host_iso3": host, "status": status, "organisations": orgs,
            "searched_by": by, "foreign_trained_doctors": figure(stock, "no figure")}  # fmt: skip


RESULTS: dict[str, Any] = {
    "focuses": {
        "by_origin": {"NGA": {"organisations": 2, "home_country": 2, "professional_network": 1,
                              "migrant_care": 0, "no_label": 0, "no_text": 0},
                      "TWN": {"organisations": 1, "home_country": 0, "professional_network": 1,
                              "migrant_care": 0, "no_label": 0, "no_text": 0}},
        "note": "labels",
    },
    "gaps": {
        "fiscal_year": 2019,
        "hosts": ["USA", "GBR"],
        "ranking_rule": "by stock",
        "largest": [{"origin_iso3": "ZAF", "rank": 1}],
        "rows": [
            {"origin_iso3": "NGA", "doctors_per10000": figure(3.8), "caveat": "",
             "cells": [cell("USA", "found", ["a"], None), cell("GBR", "found", ["b"], 2831)]},
            {"origin_iso3": "ZAF", "doctors_per10000": figure(7.9), "caveat": "",
             "cells": [cell("USA", "not_searched", [], None),
                       cell("GBR", "searched_none_found", [], 1298, "run-1 (google)")]},
        ],
    },
}  # fmt: skip


def test_an_origin_with_organisations() -> None:
    nga = country_profile(RESULTS, "NGA")
    assert nga is not None and nga["is_lmic"]
    assert nga["gap"]["verdict"] == "organisations found in United States (1), United Kingdom (1)"
    assert [h["foreign_trained"]["value"] for h in nga["hosts"]] == [None, 2831]
    assert nga["focus_mix"]["home_country"] == 2 and "non-commercial" in nga["licence"]


def test_a_ranked_gap() -> None:
    zaf = country_profile(RESULTS, "ZAF")
    assert zaf is not None and zaf["focus_mix"] is None
    assert zaf["gap"]["verdict"] == (
        "no organisation found in any host (searched by run-1 (google)); rank 1 of 1 large "
        "medical diasporas with no organisation found"
    )
    assert [h["status_words"] for h in zaf["hosts"]] == ["not searched", "searched, none found"]


def test_an_origin_outside_the_lmic_list_and_nothing_at_all() -> None:
    twn = country_profile(RESULTS, "TWN")
    assert twn is not None and not twn["is_lmic"]
    assert twn["gap"]["verdict"].startswith("not a low- or middle-income country in FY2019")
    assert [h["host_iso3"] for h in twn["hosts"]] == ["USA", "GBR"]  # figures from the tables
    assert country_profile(RESULTS, "FRA") is None
    assert country_profile({}, "NGA") is None
