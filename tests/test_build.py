"""The build on the bundled study: every number, verdict and audit finding, asserted; and
the build under a protocol with no bundled inventory, which says what it cannot compute."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from diaspora_atlas.pipeline import BuildSummary, build, load_store
from diaspora_atlas.progress import Progress
from diaspora_atlas.protocol import load_protocol

pytestmark = pytest.mark.db


@pytest.fixture(scope="module")
def built(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[BuildSummary, dict[str, dict[str, Any]], Path]]:
    out = tmp_path_factory.mktemp("build") / "out"
    with django_db_blocker.unblock():
        summary = build(
            out, Progress(enabled=False), load_protocol("frehywot2019"), with_report=False
        )
        second = load_store(Progress(enabled=False)).stages
        yield summary, second, out
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="module")
def results(built: tuple[BuildSummary, dict[str, dict[str, Any]], Path]) -> dict[str, Any]:
    return json.loads((built[2] / "results.json").read_text(encoding="utf-8"))


def findings(results: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return [f for f in results["audit"] if f["code"] == code]


def test_organisation_counts(results: dict[str, Any]) -> None:
    orgs = results["organisations"]
    assert orgs["total"] == 89
    assert orgs["by_host"] == {"USA": 60, "GBR": 24, "AUS": 3, "CAN": 2}
    assert orgs["without_website"] == 4
    assert orgs["by_online_presence"] == {"facebook_only": 8, "none": 4, "website": 77}


def test_origin_countries(results: dict[str, Any]) -> None:
    origins = results["origin_countries"]
    assert origins["total"] == 39
    assert "MMR" in origins["iso3"] and "ISR" not in origins["iso3"]
    assert origins["by_continent"] == {"Africa": 8, "Americas": 8, "Asia": 18, "Europe": 5}
    assert origins["organisations_per_origin"]["IND"] == 7


def test_offices(results: dict[str, Any]) -> None:
    offices = results["offices"]
    assert offices["rows"] == 134
    assert offices["countries_listed"] == 135
    assert offices["countries_with_office_entry"] == 67
    assert offices["rows_with_office_text"] == 68
    assert offices["bodies"] == 92


def test_lmic_list_year(results: dict[str, Any]) -> None:
    lmic = results["lmic_list"]
    assert lmic["best_matching_fiscal_year"] == 2019 == lmic["fiscal_year"]
    assert (lmic["income_groups"], lmic["countries"]) == (["L", "LM", "UM"], 137)
    assert lmic["best"]["lmics_missing_from_table2"] == ["GNQ", "NRU"]
    assert lmic["best"]["table2_countries_not_lmic"] == []


def test_every_claim_has_a_verdict_with_a_reason(results: dict[str, Any]) -> None:
    verdicts = {c["id"]: c["verdict"] for c in results["claims"]}
    assert verdicts == {
        "organisations_total": "reproduced",
        "organisations_by_host": "reproduced",
        "candidates_total": "not_reproducible",
        "exceptions_total": "reproduced",
        "origin_countries_total": "not_reproduced",
        "origin_countries_by_continent": "not_reproduced",
        "origin_countries_asia": "not_reproduced",
        "origin_countries_africa": "reproduced",
        "origin_countries_america": "reproduced",
        "origin_countries_europe": "reproduced",
        "offices_total_text": "not_reproduced",
        "offices_total_table": "reproduced",
        "african_offices": "reproduced",
        "facebook_only": "reproduced",
    }
    assert all(c["explanation"] for c in results["claims"])
    total = next(c for c in results["claims"] if c["id"] == "origin_countries_total")
    assert "Burma/Myanmar (MMR)" in total["explanation"] and "Israel" in total["explanation"]


@pytest.mark.parametrize(
    ("code", "countries"),
    [
        ("website_shared_by_countries", {("ERI", "ETH"), ("MEX", "MLI")}),
        ("row_merges_countries", {("MYS", "MHL")}),
        ("two_names_one_country", {("MMR",)}),
        ("list_country_without_organisation", {("ISR",)}),
        ("continent_grouping_differs", {("RUS",)}),
        ("origin_not_in_study_lmic_list", {("ARG",), ("TWN",)}),
        ("not_a_government_body", {("LSO",)}),
        ("entry_without_office", {("TGO",)}),
    ],
)
def test_audit_finding(results: dict[str, Any], code: str, countries: set[tuple[str, ...]]) -> None:
    found = findings(results, code)
    assert {tuple(f["countries"]) for f in found} == countries
    assert all(f["evidence"] and f["message"] for f in found)


def test_website_of_another_country(results: dict[str, Any]) -> None:
    by_row = {f["countries"][0]: f for f in findings(results, "website_other_country")}
    assert by_row["ERI"]["severity"] == "error" and by_row["ERI"]["countries"] == ["ERI", "ETH"]
    assert by_row["MLI"]["severity"] == "error"
    assert by_row["KEN"]["severity"] == "info"  # an embassy site whose name says Kenya


def test_inference_agreement(results: dict[str, Any]) -> None:
    counts = results["inference_agreement"]["counts"]
    assert counts["host_iso3.agree"] + counts["host_iso3.inference_silent"] == 89
    assert "host_iso3.disagree" not in counts


def test_csv_exports(built: tuple[BuildSummary, dict[str, dict[str, Any]], Path]) -> None:
    out = built[2]
    with (out / "organisations.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 89
    kerala = next(r for r in rows if r["name"] == "Association of Kerala Medical Graduates")
    assert (kerala["host_iso3"], kerala["origin_iso3"], kerala["origin_subnational"]) == (
        "USA",
        "IND",
        "Kerala",
    )
    assert all(r["id"].startswith("org-") for r in rows)
    with (out / "offices.csv").open(encoding="utf-8") as handle:
        offices = list(csv.DictReader(handle))
    china = [o for o in offices if o["country_iso3"] == "CHN"]
    assert china[0]["events"].startswith("established 1978;renamed 1980;")  # then 2026 sources
    eritrea = next(o for o in offices if o["country_iso3"] == "ERI")
    assert (eritrea["established_from"], eritrea["established_to"]) == ("1995", "1999")


def test_second_load_changes_nothing(
    built: tuple[BuildSummary, dict[str, dict[str, Any]], Path],
) -> None:
    first, second = built[0].stages, built[1]
    assert list(first) == [
        "reference",
        "datasets",
        "searches",
        "recorded_decisions",
        "search_candidates",
        "name_inference",
        "geocode",
        "screen_inventory",
        "screen_runs",
        "synthesise",
        "read_models",
        "outputs",
    ]
    loaded = [load["dataset"] for load in first["datasets"]["loads"]]
    assert loaded == ["frehywot2019", "web2026", "update2026"]
    assert all(load["changed"] for load in first["datasets"]["loads"])
    assert list(second) == list(first)[:-1]
    assert all(summary == {"skipped": True} for summary in second.values())


def test_results_name_their_protocol(results: dict[str, Any]) -> None:
    assert results["study"] == "frehywot2019"
    assert [h["iso3"] for h in results["protocol"]["hosts"]] == ["USA", "GBR", "AUS", "CAN"]
    assert results["protocol"]["inventories"] == ["frehywot2019"]
    assert results["not_computed"] == []
    exceptions = findings(results, "documented_exception")
    assert len(exceptions) == 4 and all("X1" in f["message"] for f in exceptions)


@pytest.fixture(scope="module")
def second_protocol(
    built: tuple[BuildSummary, list[dict[str, Any]], Path],
    django_db_blocker: Any,
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[BuildSummary, Path]:
    out = tmp_path_factory.mktemp("francophone") / "out"
    with django_db_blocker.unblock():
        protocol = load_protocol("francophone-lusophone-2026")
        return build(out, Progress(enabled=False), protocol, with_report=False), out


def test_a_protocol_without_inventory_says_what_it_cannot_compute(
    second_protocol: tuple[BuildSummary, Path],
) -> None:
    summary, out = second_protocol
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert results["study"] == "francophone-lusophone-2026"
    assert results["protocol"]["hosts_without_inventory"] == ["FRA", "BEL", "CHE", "PRT"]
    assert results["lmic_list"]["fiscal_year"] == 2026
    reasons = [item["reason"] for item in results["not_computed"]]
    assert "no inventory for FRA, BEL, CHE, PRT yet" in reasons
    assert all(item["hint"] for item in results["not_computed"])
    assert "diaspora-atlas search" in results["not_computed"][0]["hint"]
    # The 2019 inventory is in the store, but its numbers are not this protocol's.
    for key in ("organisations", "origin_countries", "offices", "claims", "audit"):
        assert key not in results, key
    assert summary.files == {"results.json": summary.files["results.json"]}
    assert summary.as_json()["organisations"] is None


def test_the_2019_build_is_unchanged_by_building_another_protocol(
    second_protocol: tuple[BuildSummary, Path],
) -> None:
    from diaspora_atlas.report.study import load_study

    assert len(load_study(["frehywot2019"]).organisations) == 89


def test_step5_in_the_results_and_the_exports(
    built: tuple[BuildSummary, dict[str, dict[str, Any]], Path], results: dict[str, Any]
) -> None:
    """Every organisation has focuses or says no_text; the claims, the gap list and the
    completeness verdict come from the build (the figures docs/synthesis.md reports)."""
    out = built[2]
    with (out / "organisations.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    column = [r["focuses"] for r in rows]
    assert column.count("no_text") == 24
    assert sum(1 for c in column if c and c != "no_text") == 62
    assert column.count("") == 3  # texts that state no focus (one names roles only)
    assert all(r["focus_evidence"] for r in rows if r["focuses"] not in ("", "no_text"))
    verdicts = {c["id"]: c["verdict"] for c in results["discussion_claims"]}
    assert verdicts["no_south_african_botswanan_namibian"] == "reproduced"
    assert verdicts["common_attribute_home_country"] == "not_reproduced"
    top = [g["origin_iso3"] for g in results["gaps"]["largest"][:10]]
    assert top == ["ZAF", "LBY", "MYS", "GRD", "BGR", "ZWE", "BRA", "JOR", "MEX", "JAM"]
    # the bundled real search (137 LMICs, all hosts) makes every empty cell searched
    assert results["gaps"]["cells_by_status"] == {"found": 58, "searched_none_found": 490}
    by_host = results["completeness"]["designs"]["paper_and_searches"]["by_host"]
    assert by_host["USA"]["found_by_source"] == {
        "frehywot2019": 60,
        "search-frehywot2019-2026-web": 10,
    }
    assert {h: e["verdict"] for h, e in by_host.items()} == dict.fromkeys(
        ["USA", "GBR", "AUS", "CAN"], "estimated"
    )


def test_the_89_against_each_criterion(
    built: tuple[BuildSummary, dict[str, dict[str, Any]], Path],
) -> None:
    """The build screens the 2019 inventory by rule: a table in the report and a JSON."""
    out = built[2]
    rows = json.loads((out / "screening" / "inventory-criteria.json").read_text(encoding="utf-8"))
    assert len(rows) == 89 and [r["paper_row"] for r in rows[:2]] == ["1", "2"]
    argentine = next(r for r in rows if r["name"] == "Argentine-American Medical Society")
    assert argentine["criteria"]["I2"]["outcome"] == "not_met"  # high income in FY2019
    assert argentine["decision"] == "exclude" and argentine["reasons"] == ["origin_not_lmic"]
    vpa = next(r for r in rows if r["name"] == "Vietnamese Physicians Association")
    assert vpa["criteria"]["I5"]["exception"]["code"] == "X1"
