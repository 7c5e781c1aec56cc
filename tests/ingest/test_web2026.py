"""The web2026 facts: every rule of the collection, checked on the committed files."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.ingest.web2026 import ORG_PROPERTIES, org_property
from diaspora_atlas.model import Role
from diaspora_atlas.refdata import country

FOLDER = Path(__file__).resolve().parents[2] / "data" / "sources" / "web2026"
REQUIRED = ("hq_city", "hq_country", "founded_year", "legal_form", "registration_id",
            "mission_summary", "role", "website_current", "social_url")  # fmt: skip
LEGAL_FORMS = {"us_501c3", "us_501c6", "us_nonprofit_other", "uk_registered_charity", "uk_cio",
               "uk_company_limited_by_guarantee", "uk_unincorporated_association",
               "ca_registered_charity", "ca_nonprofit_corporation", "au_incorporated_association",
               "au_registered_charity", "other"}  # fmt: skip
# The contacts pass (issue 13): every organisation has a found or a dated not_found row for these.
CONTACTS = ("email", "phone", "hq_street", "social_url")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}")
PHONE = re.compile(r"\+?\(?\d[\d ().-]{5,}\d")
POSTCODE = re.compile(
    r"\d{5}(-\d{4})?"  # US ZIP
    r"|[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}"  # UK
    r"|\d{4}"  # Australia
    r"|[A-Z]\d[A-Z] \d[A-Z]\d"  # Canada
)
SOCIAL = re.compile(r"https?://(www\.)?(facebook|twitter|x|linkedin|instagram|youtube)\.com/\S+")


def read(pattern: str) -> list[dict[str, str]]:
    rows = []
    for path in sorted(FOLDER.glob(pattern)):
        with path.open(encoding="utf-8", newline="") as handle:
            rows.extend(csv.DictReader(handle))
    return rows


ORG_ROWS = read("org_facts*.csv")
OFFICE_ROWS = read("office_facts.csv")


def test_every_fact_has_a_source_url_and_every_gap_a_date() -> None:
    for row in ORG_ROWS + OFFICE_ROWS:
        assert row["status"] in ("found", "not_found"), row
        assert date.fromisoformat(row["looked_up_on"]) <= date(2026, 12, 31), row
        if row["status"] == "found":
            assert row["value"].strip() and row["source_url"].startswith(("http://", "https://")), (
                row
            )
        else:
            assert not row["value"] and not row["source_url"], row
            assert row["note"], "a not_found row says what was tried"


def test_every_organisation_was_searched_for_every_field() -> None:
    outcome: dict[tuple[int, str], set[str]] = defaultdict(set)
    for row in ORG_ROWS:
        outcome[(int(row["paper_row"]), row["property"])].add(row["status"])
    for paper_row in range(1, 90):
        for field in REQUIRED:
            assert outcome[(paper_row, field)], f"row {paper_row} never searched for {field}"


def test_each_pass_is_read_on_one_day() -> None:
    for path in FOLDER.glob("*.csv"):
        assert len({row["looked_up_on"] for row in read(path.name)}) == 1, path.name


def test_every_organisation_was_searched_for_contacts() -> None:
    outcome: dict[tuple[int, str], set[str]] = defaultdict(set)
    for row in ORG_ROWS:
        outcome[(int(row["paper_row"]), row["property"])].add(row["status"])
    missing = [(n, f) for n in range(1, 90) for f in CONTACTS if not outcome[(n, f)]]
    assert not missing, missing


def test_every_property_is_known_to_the_loader() -> None:
    assert {row["property"] for row in ORG_ROWS} <= ORG_PROPERTIES


def test_the_loader_refuses_an_unknown_property() -> None:
    with pytest.raises(DataFileError, match="unknown property 'fax'"):
        org_property({"paper_row": "6", "property": "fax"}, FOLDER)


def test_values_fit_their_vocabularies() -> None:
    roles = {r.value for r in Role}
    for row in (r for r in ORG_ROWS if r["status"] == "found"):
        value, prop = row["value"], row["property"]
        if prop == "role":
            assert value in roles, row
        elif prop == "legal_form":
            assert value in LEGAL_FORMS, row
        elif prop == "hq_country":
            assert country(value).iso3 == value
        elif prop in ("founded_year", "incorporated_year"):
            assert re.fullmatch(r"(1[89]|20)\d\d", value), row
        elif prop == "mission_summary":
            assert len(value.split()) <= 40, row
        elif prop == "mission_quote":
            assert len(value.split()) <= 25, row
        elif prop == "email":
            assert EMAIL.fullmatch(value), row
        elif prop == "phone":
            assert PHONE.fullmatch(value), row
        elif prop == "hq_postcode":
            assert POSTCODE.fullmatch(value), row
        elif prop == "social_url":
            assert SOCIAL.fullmatch(value), row


def test_conflicting_values_are_kept_with_one_preferred() -> None:
    values: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in ORG_ROWS:
        if row["status"] == "found" and row["property"] in ("founded_year", "hq_city", "phone"):
            values[(row["paper_row"], row["property"])].append(row)
    conflicts = {k: v for k, v in values.items() if len({r["value"] for r in v}) > 1}
    assert conflicts, "the collection has known conflicts (e.g. AAPI founded 1982 vs 1984)"
    aapi = {r["value"]: r["preferred"] for r in values[("6", "founded_year")]}
    assert aapi == {"1982": "yes", "1984": "no"}
    for rows in conflicts.values():
        assert len({r["value"] for r in rows if r["preferred"] == "yes"}) <= 1


def test_office_events_are_well_formed() -> None:
    for row in (r for r in OFFICE_ROWS if r["property"] == "event" and r["status"] == "found"):
        kind, year, _detail = row["value"].split("|", 2)
        assert kind and (not year or re.fullmatch(r"(19|20)\d\d", year)), row


def test_office_status_vocabulary() -> None:
    statuses = {r["value"] for r in OFFICE_ROWS if r["property"] == "status" and r["value"]}
    assert statuses and statuses <= {"active", "renamed", "merged", "abolished", "unknown"}
