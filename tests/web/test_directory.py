"""The store's directory queries (full-text search, facets, sorting) and the acronym rules."""

from __future__ import annotations

from typing import Any

import pytest

from diaspora_atlas.refdata.normalise import normalise_name as fold
from diaspora_atlas.store import directory
from diaspora_atlas.store.directory import Selection
from diaspora_atlas.store.directory_index import derived_acronyms, stated_acronyms


def test_acronyms_from_names_and_aliases() -> None:
    assert derived_acronyms("Afghan Medical Association of America") == ["AMAA"]
    assert derived_acronyms("Association of Haitian Physicians Abroad") == ["AHPA"]
    assert derived_acronyms("Unity") == []
    assert stated_acronyms(
        ["AMAA", "CAMDOC-UK", "BMA UK", "IMS (UK)", "Haitian Medical Association Abroad"]
    ) == [
        "AMAA",
        "CAMDOC-UK",
        "CAMDOC",
        "BMA",
        "IMS",
    ]
    assert stated_acronyms(["РАМА (Русская Американская Медицинская Ассоциация)"]) == ["РАМА"]


def test_fold_ignores_case_accents_and_ampersands() -> None:
    assert fold("Association des Médecins Haïtiens à l'Étranger") == (
        "association des medecins haitiens a l etranger"
    )
    assert fold("Ghanaian Doctors & Dentists") == "ghanaian doctors and dentists"


@pytest.mark.db
def test_full_text_search_ranks_names_first(atlas: Any, db: None) -> None:
    ids = directory.matching_ids("Nigerian")
    assert ids is not None and len(ids) >= 3
    names = [s["name"] for s in directory.summaries(ids)]
    assert "nigerian" in names[0].lower() or "nigeria" in names[0].lower()
    assert directory.matching_ids("   ") is None
    assert directory.matching_ids('"; DROP TABLE x; --') == []


@pytest.mark.db
def test_search_finds_acronyms_aliases_and_mission_text(atlas: Any, db: None) -> None:
    def names(q: str) -> set[str]:
        return {s["name"] for s in directory.summaries(directory.matching_ids(q) or [])}

    assert "American Association of Physicians of Indian Origin" in names("AAPI")
    assert "Association of Haitian Physicians Abroad" in names("medecins haitiens")
    assert "Syrian American Medical Society Foundation" in names("syrian")
    assert names("Loma Linda") >= {"Afghan Medical Association of America"}


@pytest.mark.db
def test_like_fallback_agrees_with_the_index(atlas: Any, db: None) -> None:
    for q in ["nigerian", "medical society", "kerala"]:
        terms = directory.search_terms(q)
        assert set(directory._like(terms)) >= set(directory.matching_ids(q) or [])


@pytest.mark.db
def test_selection_sorting_and_filters(atlas: Any, db: None) -> None:
    by_row = directory.search_organisations(Selection(sort="row", per_page=5))
    assert [r["paper_row"] for r in by_row["results"]] == [1, 2, 3, 4, 5]
    founded = directory.search_organisations(Selection(sort="-founded", per_page=3))
    years = [r["founded_year"] for r in founded["results"]]
    assert None not in years and years == sorted(years, reverse=True)
    oldest = directory.search_organisations(Selection(sort="founded", per_page=89))["results"]
    known = [r["founded_year"] for r in oldest if r["founded_year"]]
    assert known == sorted(known) and oldest[-1]["founded_year"] is None
    asia_uk = directory.search_organisations(
        Selection(filters={"continent": ("Asia",), "host": ("GBR",)}, fiscal_year=2026)
    )
    assert asia_uk["total"] == 13
    assert all(r["host_iso3"] == "GBR" for r in asia_uk["results"])
    everything = directory.select_all(Selection(filters={"host": ("AUS", "CAN")}))
    assert len(everything) == 5


@pytest.mark.db
def test_the_database_full_text_index_answers(atlas: Any, db: None) -> None:
    """The vendor's own full-text search works (the LIKE fallback would hide a failure)."""
    from django.db import connection

    search = {"sqlite": directory._fts5, "postgresql": directory._tsvector}.get(connection.vendor)
    if search is None:
        pytest.skip(f"no full-text index on {connection.vendor}")
    found = search(["nigerian"])
    assert len(found) >= 3
    assert set(found) <= set(directory._like(["nigerian"]))
