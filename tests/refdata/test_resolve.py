"""Resolving the paper's and the World Bank's country spellings to ISO3 codes."""

from __future__ import annotations

import csv

import pytest

from diaspora_atlas.errors import UnknownCountryError
from diaspora_atlas.refdata import (
    AmbiguousCountryError,
    country_for_domain,
    data_dir,
    find_country,
    normalise_name,
    phrase_index,
    resolve_country,
)

from .paper_data import HOSTS, RESULTS, TABLE1, TABLE2, TABLE2_MERGED


@pytest.mark.parametrize(("cell", "iso3"), TABLE2)
def test_every_table2_country_cell_resolves(cell: str, iso3: str) -> None:
    assert resolve_country(cell).iso3 == iso3


@pytest.mark.parametrize(
    ("continent", "cell", "iso3"),
    [(continent, cell, iso3) for continent, rows in RESULTS.items() for cell, iso3 in rows],
)
def test_every_results_list_country_resolves(continent: str, cell: str, iso3: str) -> None:
    found = resolve_country(cell)
    assert found.iso3 == iso3
    assert found.paper_continent == continent


def test_bundled_paper_table_matches_the_paper() -> None:
    with (data_dir() / "refdata" / "paper_countries.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    table2 = [(r["cell"], r["iso3"]) for r in rows if r["section"] == "table2"]
    merged_cell, merged_codes = TABLE2_MERGED
    expected = list(TABLE2)
    at = expected.index(("Maldives", "MDV"))
    expected[at:at] = [(merged_cell, code) for code in merged_codes]
    assert table2 == expected
    results = [
        (r["paper_continent"], r["cell"], r["iso3"]) for r in rows if r["section"] == "results"
    ]
    assert results == [(k, c, i) for k, v in RESULTS.items() for c, i in v]


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Congo, Dem. Rep. of", "COD"),
        ("Congo, Dem. Rep.", "COD"),
        ("Congo, Rep. of", "COG"),
        ("Macedonia, FYR", "MKD"),
        ("North Macedonia", "MKD"),
        ("Swaziland", "SWZ"),
        ("Eswatini", "SWZ"),
        ("Burma", "MMR"),
        ("Cote D’Ivoire", "CIV"),
        ("Cote D'Ivoire", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("West Bank and Gaza", "PSE"),
        ("Kosovo", "XKX"),
        ("Lao PDR", "LAO"),
        ("Kyrgyz Republic", "KGZ"),
        ("Korea, Dem. People's Rep.", "PRK"),
        ("Korea, Rep.", "KOR"),
        ("Micronesia, Fed. Sts.", "FSM"),
        ("Venezuela, RB", "VEN"),
        ("Egypt, Arab Rep.", "EGY"),
        ("Yemen, Rep.", "YEM"),
        ("Viet Nam", "VNM"),
        ("Taiwan, China", "TWN"),
        ("Türkiye", "TUR"),
        ("Cabo Verde", "CPV"),
        ("East Timor", "TLS"),
        ("Zaire", "COD"),
        ("Channel Islands", "CHI"),
        ("  the  GAMBIA ", "GMB"),
        ("Bosnia & Herzegovina", "BIH"),
        ("Saint Lucia", "LCA"),
        ("St Vincent & the Grenadines", "VCT"),
        ("São Tomé and Príncipe", "STP"),
        ("USA", "USA"),
        ("United States of America", "USA"),
        ("America", "USA"),
        ("UK", "GBR"),
        ("Great Britain", "GBR"),
        ("Canada", "CAN"),
        ("Australia", "AUS"),
    ],
)
def test_world_bank_and_common_spellings(text: str, iso3: str) -> None:
    assert resolve_country(text).iso3 == iso3


CODES = [
    ("IND", "IND"),
    ("in", "IND"),
    ("gbr", "GBR"),
    ("XKX", "XKX"),
    ("XK", "XKX"),
    ("KSV", "XKX"),
    ("ZAR", "COD"),
    ("ROM", "ROU"),
    ("TMP", "TLS"),
    ("WBG", "PSE"),
]


@pytest.mark.parametrize(("code", "iso3"), CODES)
def test_iso_and_former_world_bank_codes(code: str, iso3: str) -> None:
    assert resolve_country(code).iso3 == iso3


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Kerala", "IND"),
        ("Rajasthan", "IND"),
        ("Gujarat", "IND"),
        ("Tamil Nadu", "IND"),
        ("Shanghai", "CHN"),
        ("Puntland", "SOM"),
        ("Persian", "IRN"),
        ("Burmese", "MMR"),
        ("Filipino", "PHL"),
        ("Philippine", "PHL"),
        ("Nepali", "NPL"),
        ("Nepalese", "NPL"),
        ("Argentine", "ARG"),
        ("Argentinian", "ARG"),
        ("Taiwanese", "TWN"),
        ("Sierra Leonean", "SLE"),
        ("Scotland", "GBR"),
        ("South Australian", "AUS"),
    ],
)
def test_demonyms_and_subnational_names_resolve_when_no_name_matches(text: str, iso3: str) -> None:
    assert resolve_country(text).iso3 == iso3


@pytest.mark.parametrize(
    ("text", "codes"),
    [("Punjab", ("IND", "PAK")), ("Korea", ("KOR", "PRK")), ("Dominican", ("DMA", "DOM"))],
)
def test_ambiguous_alias_raises_with_candidates(text: str, codes: tuple[str, ...]) -> None:
    with pytest.raises(AmbiguousCountryError) as caught:
        resolve_country(text)
    assert caught.value.candidates == codes
    assert isinstance(caught.value, UnknownCountryError)
    with pytest.raises(AmbiguousCountryError):
        find_country(text)
    assert {m.iso3 for m in phrase_index()[normalise_name(text)]} == set(codes)


def test_unknown_name_raises_with_suggestions() -> None:
    with pytest.raises(UnknownCountryError) as caught:
        resolve_country("Atlantis")
    assert caught.value.name == "Atlantis"
    assert isinstance(caught.value.suggestions, list)
    assert len(caught.value.suggestions) <= 5
    assert "Atlantis" in str(caught.value)
    assert find_country("Atlantis") is None


def test_misspelling_suggests_the_country() -> None:
    with pytest.raises(UnknownCountryError) as caught:
        resolve_country("Nigerria")
    assert caught.value.suggestions[0] == "Nigeria"
    assert "Nigeria" in caught.value.one_line()


def test_regions_are_not_countries() -> None:
    for region in ("North America", "the Americas", "Latin America", "Europe"):
        assert find_country(region) is None


def _origins(organisation: str) -> set[str]:
    """Countries whose phrases occur in a name (a minimal n-gram scan, longest first)."""
    index = phrase_index()
    words = normalise_name(organisation).split()
    found: set[str] = set()
    covered = [False] * len(words)
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            if any(covered[start : start + size]):
                continue
            gram = " ".join(words[start : start + size])
            if gram in index:
                found |= {m.iso3 for m in index[gram]}
                covered[start : start + size] = [True] * size
    return found


@pytest.mark.parametrize(("organisation", "origin"), TABLE1)
def test_table1_names_point_at_their_country_of_origin(organisation: str, origin: str) -> None:
    # "DMA|DOM": the name alone is ambiguous; Table 1's curation decides (with its reason).
    assert _origins(organisation) - HOSTS == set(origin.split("|"))


def test_phrase_index_covers_every_kind_but_domains() -> None:
    kinds = {m.kind for matches in phrase_index().values() for m in matches}
    expected = {"name", "official", "wb", "paper", "common", "historic"}
    assert kinds == expected | {"demonym", "adjectival", "subnational"}
    kerala = phrase_index()["kerala"]
    assert [(m.iso3, m.kind) for m in kerala] == [("IND", "subnational")]
    assert "in" not in phrase_index()  # ".in" is a domain, not a phrase
    assert "north america" not in phrase_index()


def test_country_for_domain() -> None:
    assert country_for_domain("www.bapio.co.uk") is not None
    assert country_for_domain("sasda.org.au").iso3 == "AUS"  # type: ignore[union-attr]
    assert country_for_domain("example.org") is None
