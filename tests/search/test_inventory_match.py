"""A candidate names an inventory organisation by name, alias or acronym, and only when its
host and origin agree; a tie between two organisations is no match."""

from __future__ import annotations

from diaspora_atlas.extract.inventory import OrgEntry, match_inventory

GPSF = OrgEntry(
    "org-1", "Ghana Physicians and Surgeons Foundation of North America", ("GPSF",), "USA", ("GHA",)
)
APPNA = OrgEntry(
    "org-2",
    "Association of Physicians of Pakistani Descent of North America",
    ("APPNA",),
    "USA",
    ("PAK",),
)
ENTRIES = (GPSF, APPNA)


def test_exact_name_even_with_other_case_and_punctuation() -> None:
    found = match_inventory("GHANA PHYSICIANS & SURGEONS FOUNDATION OF NORTH AMERICA", ENTRIES)
    assert found is not None and found.org_id == "org-1"


def test_acronym_and_alias() -> None:
    found = match_inventory("APPNA", ENTRIES)
    assert found is not None and found.org_id == "org-2" and found.kind in ("acronym", "alias")


def test_origin_must_agree() -> None:
    assert match_inventory("GPSF", ENTRIES, origin_iso3=("NGA",)) is None
    assert match_inventory("GPSF", ENTRIES, origin_iso3=("GHA",)) is not None


def test_a_new_name_is_no_match() -> None:
    assert match_inventory("Samoan Doctors Worldwide Volunteer Service Group", ENTRIES) is None


def test_two_equally_good_organisations_are_no_match() -> None:
    twin = OrgEntry("org-3", GPSF.name, (), "GBR", ("GHA",))
    assert match_inventory(GPSF.name, (GPSF, twin)) is None


NDA = OrgEntry(
    "org-3",
    "Nepalese Doctors Association",
    ("Nepalese Doctors’ Association in the United Kingdom",),
    "GBR",
    ("NPL",),
)
IMA_UK = OrgEntry("org-4", "Iraqi Medical Association UK", (), "GBR", ("IRQ",))


def test_the_same_name_but_for_the_hosts_words_when_the_hosts_agree() -> None:
    """Found by the 2026 review: these were shown as new organisations."""
    entries = (*ENTRIES, NDA, IMA_UK)
    uk = match_inventory(
        "Nepalese Doctors' Association in the UK", entries, host_iso3="GBR", origin_iso3=("NPL",)
    )
    assert uk is not None and uk.org_id == "org-3" and uk.kind == "host_words"
    assert "naming the host" in uk.evidence
    gpsf = match_inventory("Ghana Physicians and Surgeons Foundation", entries, host_iso3="USA")
    assert gpsf is not None and gpsf.org_id == "org-1"
    region = match_inventory("Ghana Physicians & Surgeons Foundation of N. America", (NDA,))
    assert region is None  # a region it does not hold
    named = match_inventory("Nepalese Doctors Association UK", entries)  # host not given
    assert named is not None and named.org_id == "org-3"


def test_without_the_same_host_the_hosts_words_still_count() -> None:
    entries = (NDA, IMA_UK)
    assert match_inventory("Nepalese Doctors Association in Australia", entries) is None
    assert match_inventory("Iraqi Medical Association", entries, host_iso3="USA") is None
    assert match_inventory("United Iraqi Medical Association", entries, host_iso3="GBR") is None
    assert match_inventory("Ghana Physicians and Surgeons Foundation", ENTRIES) is None
