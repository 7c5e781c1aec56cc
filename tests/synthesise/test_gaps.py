from __future__ import annotations

from diaspora_atlas.refdata.workforce import DoctorDensity, ForeignTrainedDoctors
from diaspora_atlas.synthesise.gaps import (
    FOUND,
    NOT_SEARCHED,
    RANKING_RULE,
    SEARCHED_NONE_FOUND,
    GapRow,
    Placement,
    gap_table,
    largest_gaps,
)

HOSTS = ("USA", "GBR", "AUS")
DENSITY = {
    "NGA": DoctorDensity("NGA", 3.8, 2018),
    "ZAF": DoctorDensity("ZAF", 7.9, 2019),
    "LBY": DoctorDensity("LBY", 20.9, 2017),
}
STOCKS = {
    ("GBR", "NGA"): ForeignTrainedDoctors("GBR", "NGA", 2018, 7000),
    ("GBR", "ZAF"): ForeignTrainedDoctors("GBR", "ZAF", 2018, 1300),
    ("AUS", "ZAF"): ForeignTrainedDoctors("AUS", "ZAF", 2018, 1800),
    ("GBR", "LBY"): ForeignTrainedDoctors("GBR", "LBY", 2018, 345),
    ("GBR", "TUN"): ForeignTrainedDoctors("GBR", "TUN", 2018, 345),
    ("AUS", "IND"): ForeignTrainedDoctors("AUS", "IND", 2018, 5000),
}
ORGS = [Placement("org-1", "USA", ("NGA",)), Placement("org-2", "GBR", ("NGA",))]


def table(
    coverage: dict[tuple[str, str], str] | None = None, caveats: dict[str, str] | None = None
) -> dict[str, GapRow]:
    rows = gap_table(["NGA", "ZAF", "LBY", "TUN"], HOSTS, ORGS, DENSITY, STOCKS, coverage, caveats)
    return {r.origin_iso3: r for r in rows}


def test_cells_say_found_searched_or_not_searched() -> None:
    rows = table(coverage={("ZAF", "USA"): "search-2026-01"})
    nga = {c.host_iso3: c for c in rows["NGA"].cells}
    assert nga["USA"].status == FOUND and nga["USA"].organisations == ("org-1",)
    zaf = {c.host_iso3: c for c in rows["ZAF"].cells}
    assert zaf["USA"].status == SEARCHED_NONE_FOUND and zaf["USA"].searched_by == "search-2026-01"
    assert zaf["GBR"].status == NOT_SEARCHED


def test_missing_figures_say_why() -> None:
    rows = table()
    zaf = {c.host_iso3: c for c in rows["ZAF"].cells}
    assert zaf["USA"].foreign_trained.value is None
    assert "no figures" in zaf["USA"].foreign_trained.reason
    lby = {c.host_iso3: c for c in rows["LBY"].cells}
    assert "reports foreign-trained doctors for 2 origins" in lby["AUS"].foreign_trained.reason
    assert rows["TUN"].doctors_per10000.value is None
    assert "WHO gives no figure" in rows["TUN"].doctors_per10000.reason


def test_largest_gaps_ranks_by_stock_then_density() -> None:
    ranked = largest_gaps(table().values())
    assert [g["origin_iso3"] for g in ranked] == ["ZAF", "LBY", "TUN"]  # NGA has organisations
    assert ranked[0]["foreign_trained_doctors_in_hosts_with_figure"] == 3100
    assert ranked[0]["hosts_with_figure"] == ["GBR", "AUS"]
    # LBY and TUN tie on 345: LBY has a density figure, TUN none (ranked last)
    assert ranked[1]["rank"] == 2 and ranked[0]["ranking_rule"] == RANKING_RULE


def test_caveats_travel_with_the_row() -> None:
    rows = table(caveats={"ZAF": "trained, not born"})
    assert rows["ZAF"].as_dict()["caveat"] == "trained, not born"
