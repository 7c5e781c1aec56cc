"""Sourced facts in the store: sources on every value, conflicts side by side, coverage."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command

from diaspora_atlas.pipeline import load_store
from diaspora_atlas.progress import Progress

pytestmark = pytest.mark.db


@pytest.fixture(scope="module")
def study(django_db_setup: None, django_db_blocker: Any) -> Iterator[Any]:
    from diaspora_atlas.report.study import load_study

    with django_db_blocker.unblock():
        load_store(Progress(enabled=False))
        yield load_study(["frehywot2019"])
        call_command("flush", interactive=False, verbosity=0)


def test_every_non_empty_web_fact_has_a_source_url(study: Any) -> None:
    checked = 0
    for org in study.organisations:
        for statements in org.facts.values():
            for s in statements:
                if s.dataset == "web2026" and s.prop != "not_found":
                    assert s.value and s.source_url.startswith("http"), s
                    checked += 1
    assert checked > 500


def test_conflicting_founding_years_side_by_side(study: Any) -> None:
    aapi = next(o for o in study.organisations if o.paper_row == 6)
    years = {s.value: s.preferred for s in aapi.facts["founded_year"]}
    assert years == {"1982": True, "1984": False}
    assert aapi.value("founded_year") == "1982"


def test_headquarters_are_geocoded_with_their_precision(study: Any) -> None:
    aapi = next(o for o in study.organisations if o.paper_row == 6)
    assert (aapi.value("hq_precision"), aapi.value("hq_region_code")) == ("city", "US-IL")
    assert abs(float(aapi.value("hq_lat")) - 41.83) < 0.05
    [lat] = aapi.facts["hq_lat"]
    assert "Oak Brook" in lat.inferred_from and lat.source_url
    precisions = {o.value("hq_precision") for o in study.organisations}
    assert precisions <= {"city", "region", "country"}
    assert all(o.value("hq_country_iso3") for o in study.organisations)


def test_gaps_are_dated_not_found_statements(study: Any) -> None:
    org = next(o for o in study.organisations if o.paper_row == 1)
    gaps = {s.value: s.retrieved_at for s in org.facts.get("not_found", [])}
    assert gaps.get("registration_id") == "2026-11-24"


def test_coverage_counts(study: Any) -> None:
    from diaspora_atlas.report.coverage import SEARCHED_FIELDS, coverage

    fields = coverage(study)["fields"]
    for field in SEARCHED_FIELDS:
        entry = fields[field]
        assert entry["not_looked_for"] == 0
        assert entry["with_value"] + entry["looked_for_not_found"] == 89
        assert len(entry["without_value"]) == 89 - entry["with_value"]
