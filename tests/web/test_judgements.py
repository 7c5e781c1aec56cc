"""A curator's judgement changes every read — the page, its JSON twin, the directory's CSV,
the build's exports and the report's tables — and its undo restores them all."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from diaspora_atlas.curation import JudgeRequest, judge, list_judgements
from diaspora_atlas.errors import UsageError
from diaspora_atlas.progress import Progress
from diaspora_atlas.protocol import load_protocol
from diaspora_atlas.report.stages import write_outputs
from diaspora_atlas.report.study import load_study
from diaspora_atlas.report.tables import table1
from diaspora_atlas.store import models as orm
from diaspora_atlas.web import cache

pytestmark = pytest.mark.db


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    """The other web tests share this store: leave no page cached from a judged state."""
    yield
    cache.clear()


AAPI = "American Association of Physicians of Indian Origin"


def reads(web: Any, org_id: str, out: Path) -> dict[str, str]:
    """The founding year as each reader shows it (the page cache re-reads the data version
    every few seconds; a test does not wait for it)."""
    cache.clear()
    page = web.get(f"/organisations/{org_id}/").content.decode()
    twin = web.get(f"/organisations/{org_id}.json").json()
    export = web.get("/organisations/export.csv?q=Indian+Origin").content.decode()
    directory_row = next(r for r in csv.DictReader(io.StringIO(export)) if r["id"] == org_id)
    write_outputs(out, Progress(enabled=False), load_protocol(), with_report=False)
    with (out / "organisations.csv").open(encoding="utf-8") as handle:
        build_row = next(r for r in csv.DictReader(handle) if r["id"] == org_id)
    study = load_study()
    row = next(r for r in table1(study).rows if r[1] == AAPI)
    return {
        "page": "1979" if re.search(r"<dt>Founded</dt><dd>1979\b", page) else "other",
        "twin": str(twin["organisation"]["founded_year"]),
        "directory_csv": directory_row["founded_year"],
        "build_csv": build_row["founded_year"],
        "report_table": str(row[-1]),
    }


def test_a_judgement_changes_every_read_and_its_undo_restores_it(web: Any, tmp_path: Path) -> None:
    org_id = orm.OrganisationRecord.objects.get(name=AAPI).id
    before = reads(web, org_id, tmp_path / "before")
    assert set(before.values()) >= {"1982"}
    made = judge(
        JudgeRequest("right", org_id, "tester", prop="founded_year", value="1979", note="test only")
    )
    during = reads(web, org_id, tmp_path / "during")
    assert set(during.values()) == {"1979"}, during
    judge(JudgeRequest("undo", str(made["id"]), "tester"))
    after = reads(web, org_id, tmp_path / "after")
    assert after == before
    history = web.get(f"/organisations/{org_id}.json").json()["history"]
    judged = [h for h in history if h["event"] == "judgement"]
    assert len(judged) == 2 and "judged “1979” right" in judged[0]["note"]
    assert [j["kind"] for j in list_judgements(org_id)] == ["correct", "undo"]


def test_bad_judgements_are_refused_and_change_nothing(web: Any) -> None:
    org_id = orm.OrganisationRecord.objects.get(name=AAPI).id
    count = orm.Judgement.objects.count()
    cases = [
        (JudgeRequest("right", "org-nope", "t", prop="name", value="x"), "no organisation"),
        (JudgeRequest("wrong", org_id, "t", prop="founded_year", value="1066"), "no value"),
        (JudgeRequest("exclude", org_id, "t"), "needs a reason"),
        (JudgeRequest("exclude", org_id, "t", reason="nope"), "not a reason code"),
        (JudgeRequest("undo", "99999", "t"), "no judgement 99999"),
        (JudgeRequest("right", org_id, " ", prop="name", value="x"), "needs an author"),
    ]
    for request, message in cases:
        with pytest.raises(UsageError, match=message):
            judge(request)
    assert orm.Judgement.objects.count() == count
