"""The gap analysis and the completeness estimates from recorded search runs: without any
run, every cell without an organisation is 'not searched' and nothing can be estimated; with
hand-made query, record and candidate statements (and a new organisation of the 2026
update), cells become 'searched, none found' and the estimates are worked out by hand."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command

from diaspora_atlas.model import Schema, Source, SourceKind, Statement
from diaspora_atlas.pipeline import load_store
from diaspora_atlas.progress import Progress
from diaspora_atlas.protocol import load_protocol
from diaspora_atlas.report.gap_results import completeness_results, gap_results, gap_rows
from diaspora_atlas.report.searches import search_runs
from diaspora_atlas.report.study import StudyView, load_study
from diaspora_atlas.store.facade import SqlStore

pytestmark = pytest.mark.db
SOURCE = Source("search-test", SourceKind.SEARCH_RESULT, "hand-made search run")


def facts(entity: str, schema: Schema, dataset: str, **values: str | list[str]) -> list[Statement]:
    out = []
    for prop, value in values.items():
        for v in value if isinstance(value, list) else [value]:
            out.append(Statement(entity, schema, prop, v, SOURCE.id, dataset))
    return out


def search_statements(a: str, b: str, c: str) -> list[Statement]:
    q, r, cand, ds = Schema.SEARCH_QUERY, Schema.SEARCH_RECORD, Schema.CANDIDATE, "search-t1"
    return [
        *facts("query-1", q, ds, engine="pubmed", country_iso3="ZAF", status="done", run="t1"),
        *facts("query-2", q, ds, engine="google", country_iso3="ZAF", status="done", run="t1"),
        *facts("query-3", q, ds, engine="google", country_iso3="LBY", status="failed", run="t1"),
        *facts("query-4", q, ds, engine="google", country_iso3="TUN", status="done", run="t1",
               host_iso3="GBR"),
        *facts("rec-1", r, ds, engine="pubmed", query="query-1"),
        *facts("rec-2", r, ds, engine="google", query="query-2"),
        *facts("cand-1", cand, ds, record="rec-1", status="candidate", inventory_match=a),
        *facts("cand-2", cand, ds, record="rec-2", status="candidate", inventory_match=a),
        *facts("cand-3", cand, ds, record="rec-2", status="candidate", inventory_match=b),
        *facts("cand-4", cand, ds, record="rec-2", status="rejected", inventory_match=c),
        *facts("cand-5", cand, ds, record="rec-1", status="candidate"),
    ]  # fmt: skip


def new_organisation() -> list[Statement]:
    return facts("org-new000000001", Schema.ORGANISATION, "update2026", name="Test Org",
                 host_iso3="USA", origin_iso3="ZAF", inventory="update2026", found_by="cand-5")  # fmt: skip


def synthesis(study: StudyView) -> dict[str, Any]:
    protocol = load_protocol("frehywot2019")
    runs = search_runs(protocol.host_iso3s)
    return {
        "runs": runs,
        "gaps": gap_results(gap_rows(study, protocol, runs), protocol, runs),
        "completeness": completeness_results(study, protocol, runs),
    }


@pytest.fixture(scope="module")
def states(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    with django_db_blocker.unblock():
        load_store(Progress(enabled=False))
        store = SqlStore()
        for bundled in _search_datasets():  # the bundled real search: set aside here
            store.load_dataset(bundled, "set-aside", [], [])
        before = synthesis(load_study(["frehywot2019"]))
        usa = [o.id for o in load_study(["frehywot2019"]).organisations if o.host_iso3 == "USA"]
        store.load_dataset("search-t1", "h1", [SOURCE], search_statements(*usa[:3]))
        store.load_dataset("update2026", "h2", [SOURCE], new_organisation())
        after = synthesis(load_study(["frehywot2019"]))
        both = synthesis(load_study(["frehywot2019", "update2026"]))
        yield {"before": before, "after": after, "both": both, "usa": usa}
        call_command("flush", interactive=False, verbosity=0)


def _search_datasets() -> list[str]:
    from diaspora_atlas.store import models as orm

    names = orm.DatasetLoad.objects.values_list("dataset", flat=True).distinct()
    return sorted(n for n in names if n.startswith("search-"))


def cell(gaps: dict[str, Any], origin: str, host: str) -> dict[str, Any]:
    row = next(r for r in gaps["rows"] if r["origin_iso3"] == origin)
    return next(c for c in row["cells"] if c["host_iso3"] == host)


def test_without_runs_nothing_is_searched_or_estimable(states: dict[str, Any], db: None) -> None:
    before = states["before"]
    assert before["runs"].runs == ()
    assert set(before["gaps"]["cells_by_status"]) == {"found", "not_searched"}
    assert cell(before["gaps"], "ZAF", "USA")["status"] == "not_searched"
    for design in before["completeness"]["designs"].values():
        for estimate in design["by_host"].values():
            assert estimate["verdict"].startswith("not estimable")
    paper = before["completeness"]["designs"]["paper_and_searches"]["by_host"]
    assert paper["USA"]["verdict"] == "not estimable: one source"
    assert paper["USA"]["found_in_inventory"] == 60


def test_a_finished_query_makes_its_cells_searched(states: dict[str, Any], db: None) -> None:
    gaps = states["after"]["gaps"]
    for host in ("USA", "GBR", "AUS", "CAN"):
        zaf = cell(gaps, "ZAF", host)
        assert zaf["status"] == "searched_none_found"
        assert zaf["searched_by"] == "t1 (google); t1 (pubmed)"
    assert cell(gaps, "LBY", "USA")["status"] == "not_searched"  # its query failed
    assert cell(gaps, "TUN", "GBR")["status"] == "searched_none_found"
    assert cell(gaps, "TUN", "USA")["status"] == "not_searched"  # the query named its host
    assert gaps["search_runs"] == ["t1"]
    assert [g["origin_iso3"] for g in gaps["largest"][:2]] == ["ZAF", "LBY"]


def test_capture_recapture_by_hand(states: dict[str, Any], db: None) -> None:
    result = states["after"]["completeness"]
    paper = result["designs"]["paper_and_searches"]["by_host"]
    # USA: paper 60, search 2 (both in the paper): (61 x 3) / 3 - 1 = 60
    assert paper["USA"]["method"] == "chapman" and paper["USA"]["estimate"] == pytest.approx(60)
    assert paper["USA"]["found_by_source"] == {"frehywot2019": 60, "search-t1": 2}
    # GBR: the run searched it and found none: (25 x 1) / 1 - 1 = 24, very uncertain
    assert (
        paper["GBR"]["estimate"] == pytest.approx(24)
        and "very uncertain" in paper["GBR"]["explanation"]
    )
    engines = result["designs"]["engines"]["by_host"]["USA"]
    # pubmed {a}, google {a, b} (the rejected candidate does not count): (2 x 3) / 2 - 1 = 2
    assert engines["found_by_source"] == {"t1 · google": 2, "t1 · pubmed": 1}
    assert engines["estimate"] == pytest.approx(2)
    assert result["found_outside_inventory"] == 1  # the new organisation is not an inventory's


def test_a_new_organisation_of_an_inventory_counts(states: dict[str, Any], db: None) -> None:
    both = states["both"]
    assert cell(both["gaps"], "ZAF", "USA")["organisations"] == ["org-new000000001"]
    usa = both["completeness"]["designs"]["paper_and_searches"]["by_host"]["USA"]
    # paper 60, search 3 (2 of them in the paper): (61 x 4) / 3 - 1 = 80.33
    assert usa["found_by_source"] == {"frehywot2019": 60, "search-t1": 3}
    assert usa["estimate"] == pytest.approx(61 * 4 / 3 - 1)
    assert both["completeness"]["found_outside_inventory"] == 0
