"""The bundled country table and the name normalisation."""

from __future__ import annotations

import pytest

from diaspora_atlas.errors import UnknownCountryError
from diaspora_atlas.refdata import Country, countries, country, normalise_name


def test_every_iso_country_plus_kosovo_and_channel_islands() -> None:
    table = countries()
    assert len(table) == 251  # 249 ISO 3166-1 entries + XKX + CHI
    assert table["XKX"].iso2 == "XK" and table["XKX"].un_region == "Europe"
    assert table["CHI"].is_wb_economy and table["CHI"].iso2 == ""
    assert all(isinstance(item, Country) and item.iso3 == code for code, item in table.items())


@pytest.mark.parametrize(
    ("iso3", "name", "un_region", "paper_continent"),
    [
        ("IRN", "Iran", "Asia", "Asia"),
        ("RUS", "Russia", "Europe", "Asia"),
        ("TWN", "Taiwan", "Asia", "Asia"),
        ("ISR", "Israel", "Asia", "Asia"),
        ("DOM", "Dominican Republic", "Americas", "America"),
        ("ROU", "Romania", "Europe", "Europe"),
        ("SDN", "Sudan", "Africa", "Africa"),
        ("MNE", "Montenegro", "Europe", ""),
        ("USA", "United States", "Americas", ""),
    ],
)
def test_country_facts(iso3: str, name: str, un_region: str, paper_continent: str) -> None:
    item = country(iso3)
    assert (item.name, item.un_region, item.paper_continent) == (name, un_region, paper_continent)


def test_regions_and_world_bank_fields() -> None:
    assert country("SRB").un_subregion == "Southern Europe"  # countryinfo said Eastern
    assert country("IND").un_subregion == "Southern Asia"
    assert country("IND").wb_region == "South Asia"
    assert country("TWN").is_wb_economy
    assert not country("ATA").is_wb_economy
    assert {c.un_region for c in countries().values()} == {
        "Africa",
        "Americas",
        "Asia",
        "Europe",
        "Oceania",
        "",
    }
    assert [c.iso3 for c in countries().values() if not c.un_region] == ["ATA"]
    assert sum(c.is_wb_economy for c in countries().values()) == 218
    paper = [c for c in countries().values() if c.paper_continent]
    assert len(paper) == 40  # 41 entries in the Results lists: Burma and Myanmar are one


def test_country_lookup_is_case_insensitive_and_strict() -> None:
    assert country("ind").iso3 == "IND"
    with pytest.raises(UnknownCountryError):
        country("XXX")
    with pytest.raises(UnknownCountryError):
        country("India")


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Côte d’Ivoire", "cote d ivoire"),
        ("Cote D'Ivoire", "cote d ivoire"),
        ("The Gambia", "gambia"),
        ("St. Lucia", "st lucia"),
        ("Bosnia & Herzegovina", "bosnia and herzegovina"),
        ("Guinea–Bissau", "guinea bissau"),
        ("  São   Tomé ", "sao tome"),
        ("Bolivia (Plurinational State of)", "bolivia plurinational state of"),
        ("Łódź", "lodz"),
        ("the", "the"),
    ],
)
def test_normalise_name(text: str, folded: str) -> None:
    assert normalise_name(text) == folded
