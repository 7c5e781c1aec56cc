"""The directory's search, facets and sorting (in memory, over the store's rows on SQLite and
PostgreSQL alike) and the acronym rules."""

from __future__ import annotations

from typing import Any

import pytest

from diaspora_atlas.refdata import income_group
from diaspora_atlas.refdata.normalise import normalise_name as fold
from diaspora_atlas.store.directory import Selection, all_summaries, index_rows
from diaspora_atlas.store.directory_index import derived_acronyms, stated_acronyms
from diaspora_atlas.web.find.service import plan_of, select, select_all


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


def _names(q: str) -> list[str]:
    found, _ = select(Selection(q=q, sort="relevance", per_page=200))
    return [str(r["name"]) for r in found.results]


@pytest.mark.db
def test_search_ranks_names_first(atlas: Any, db: None) -> None:
    names = _names("Nigerian")
    assert len(names) >= 4 and "nigeria" in names[0].lower()
    assert plan_of("   ") is None
    assert _names('"; DROP TABLE x; --') == []


@pytest.mark.db
def test_search_finds_acronyms_aliases_and_mission_text(atlas: Any, db: None) -> None:
    assert "American Association of Physicians of Indian Origin" in _names("AAPI")
    assert "Association of Haitian Physicians Abroad" in _names("medecins haitiens")
    assert "Syrian American Medical Society Foundation" in _names("syrian")
    assert set(_names("Loma Linda")) >= {"Afghan Medical Association of America"}


@pytest.mark.db
def test_text_several_organisations_share_is_not_indexed(atlas: Any, db: None) -> None:
    """The paper's paragraph citing three organisations as examples is on four records; it
    describes none of them alone, so it is not searched."""
    rows = index_rows()
    body = {r["id"]: r["text"]["body"] for r in rows}
    assert not any("for example the sudanese medical association" in b for b in body.values())
    assert "Romanian Medical Association of America" not in _names("Sudan")
    assert set(_names("Sudan")) == {
        "British Islamic Medical Association (for Sudanese descent)",
        "Sudanese American Medical Association",
        "Sudanese Junior Doctors Association UK",
        "Sudanese Medical Association UK and Ireland",
    }


@pytest.mark.db
def test_selection_sorting_and_filters(atlas: Any, db: None) -> None:
    def page(**kwargs: Any) -> list[dict[str, Any]]:
        return select(Selection(**kwargs))[0].results

    assert [r["paper_row"] for r in page(sort="row", per_page=5)] == [1, 2, 3, 4, 5]
    years = [r["founded_year"] for r in page(sort="-founded", per_page=3)]
    assert None not in years and years == sorted(years, reverse=True)
    oldest = page(sort="founded", per_page=89)
    known = [r["founded_year"] for r in oldest if r["founded_year"]]
    assert known == sorted(known) and oldest[-1]["founded_year"] is None
    by_origin = [r["origins"][0]["name"] for r in page(sort="origin", per_page=89)]
    assert by_origin == sorted(by_origin, key=fold)
    asia_uk = select(
        Selection(filters={"continent": ("Asia",), "host": ("GBR",)}, fiscal_year=2026)
    )[0]
    assert asia_uk.total == 13
    assert all(r["host_iso3"] == "GBR" for r in asia_uk.results)
    assert len(select_all(Selection(filters={"host": ("AUS", "CAN")}))) == 5


@pytest.mark.db
def test_income_facet_follows_the_fiscal_year(atlas: Any, db: None) -> None:
    def low(fy: int) -> int:
        return select(Selection(filters={"income": ("L",)}, fiscal_year=fy))[0].total

    assert low(2019) != low(2026)  # countries change groups between the two years
    assert low(2019) == sum(
        1
        for r in all_summaries()
        if any(income_group(o["iso3"], 2019) == "L" for o in r["origins"])
    )


def test_a_successor_body_is_not_shown_as_abolished(web: Any) -> None:
    """Armenia's 2019 Ministry of Diaspora was abolished; the page shows its successor first,
    and the abolition in the 2019 body's events, not as the successor's status."""
    offices = web.get("/offices.json", {"country": "ARM"}).json()["offices"]
    armenia = next(o for o in offices if o["name"] == "Ministry of Diaspora")
    assert armenia["now"]["name"] == "Office of the High Commissioner for Diaspora Affairs"
    assert armenia["now"]["status"] != "abolished" and armenia["now"]["changed"]
    assert any(e["kind"] == "abolished" for e in armenia["events"])


def test_recent_changes_name_their_source_in_words(web: Any) -> None:
    changes = web.get("/index.json").json()["recent_changes"]
    assert changes
    assert all(c["what"] != c["dataset"] for c in changes), [c["dataset"] for c in changes]
