"""Step 5 on the web: focuses with evidence on organisation pages, the country profile, the
Discussion's claims on /audit/ and the gap analysis on /gaps/ — each the same numbers as the
build's results.json (one source)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from diaspora_atlas.model.focuses import NO_TEXT

pytestmark = pytest.mark.db


def results(atlas: Path) -> dict[str, Any]:
    return json.loads((atlas / "build" / "results.json").read_text(encoding="utf-8"))


def _org(web: Any, name: str) -> dict[str, Any]:
    found = web.get("/organisations.json", {"q": name}).json()["results"]
    org_id = next(r["id"] for r in found if r["name"] == name)
    return web.get(f"/organisations/{org_id}.json").json()


def test_organisation_pages_show_focuses_with_evidence(web: Any) -> None:
    namfi = _org(web, "Nigeria American Medical Foundation International")
    focuses = namfi["focuses"]
    assert focuses["focuses"] == "home_country" and focuses["status"] == "labelled"
    label = focuses["labels"][0]
    assert "Nigerian soil" in label["sentence"] and label["source_url"].startswith(
        "https://doi.org"
    )
    assert label["method"] == "rule" and 0 < label["confidence"] <= 1
    page = web.get(namfi["organisation"]["url"]).content.decode()
    assert 'id="focuses-title"' in page and "Nigerian soil" in page
    assert not any(f["property"] == "focus" for f in namfi["facts"])  # shown once, above
    silent = _org(web, "Academy of Persian American Physicians")["focuses"]
    assert silent["focuses"] == NO_TEXT and silent["labels"] == []


def test_country_profile_is_the_results(web: Any, atlas: Path) -> None:
    found = results(atlas)
    zaf = web.get("/countries/ZAF.json").json()["synthesis"]
    top = found["gaps"]["largest"][0]
    assert (zaf["gap"]["rank"], top["origin_iso3"]) == (1, "ZAF")
    assert zaf["doctors_per10000"] == top["doctors_per10000"]
    usa = next(h for h in zaf["hosts"] if h["host_iso3"] == "USA")
    assert (
        usa["foreign_trained"]["value"] is None and "no figures" in usa["foreign_trained"]["reason"]
    )
    assert "non-commercial" in zaf["licence"]
    nga = web.get("/countries/NGA.json").json()["synthesis"]
    assert nga["focus_mix"] == found["focuses"]["by_origin"]["NGA"]
    page = web.get("/countries/ZAF/").content.decode()
    assert "rank 1 of" in page and "Not for commercial use" in page
    assert web.get("/countries/GBR.json").json()["synthesis"] is None  # neither LMIC nor origin


def test_audit_shows_the_discussions_claims(web: Any, atlas: Path) -> None:
    data = web.get("/audit.json").json()
    assert data["discussion_claims"] == results(atlas)["discussion_claims"]
    page = web.get("/audit/").content.decode()
    assert "The Discussion&#x27;s claims tested" in page or "The Discussion's claims tested" in page


def test_gaps_page_and_twin(web: Any, atlas: Path) -> None:
    found = results(atlas)["gaps"]
    data = web.get("/gaps.json").json()
    assert [g["iso3"] for g in data["ranked"]] == [g["origin_iso3"] for g in found["largest"]]
    assert (
        data["ranked"][0]["stock"]
        == found["largest"][0]["foreign_trained_doctors_in_hosts_with_figure"]
    )
    hosts = {h["iso3"]: h["figures"] for h in data["hosts"]}
    assert "no figures" in hosts["USA"] and "14 origins" in hosts["AUS"]
    paper_and_search = [e for e in data["completeness"] if e["design"] == "paper_and_searches"]
    by_host = results(atlas)["completeness"]["designs"]["paper_and_searches"]["by_host"]
    assert {e["host_iso3"]: e["verdict"] for e in paper_and_search} == {
        host: estimate["verdict"] for host, estimate in by_host.items()
    }  # the bundled real search is a second source: the page says what the results say
    page = web.get("/gaps/").content.decode()
    assert 'class="diaspora-map diaspora-map-gaps' in page and "South Africa" in page
    assert "Not for commercial use" in page
