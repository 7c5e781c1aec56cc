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
