"""The synthesise stage on the bundled study: its labels agree with classify() on the texts
the gold set was labelled from, every label carries its evidence, and a curator's judgement
is kept by every later run (a rejected label is never proposed again; an undo restores it)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command

from diaspora_atlas.curation import JudgeRequest, judge
from diaspora_atlas.model import Schema
from diaspora_atlas.model.focuses import (
    CURATOR,
    FOCUS_PROP,
    NO_TEXT,
    ROLE_LABEL_PROP,
    focus_record,
    read_note,
)
from diaspora_atlas.model.projection import EntityView
from diaspora_atlas.pipeline import load_store
from diaspora_atlas.progress import Progress
from diaspora_atlas.store.facade import SqlStore
from diaspora_atlas.synthesise.classify import classify
from diaspora_atlas.synthesise.types import FOCUS, ROLE

from .gold import contexts, texts

pytestmark = pytest.mark.db


@pytest.fixture(scope="module")
def loaded(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    with django_db_blocker.unblock():
        stages = load_store(Progress(enabled=False)).stages
        yield stages
        call_command("flush", interactive=False, verbosity=0)


def views() -> dict[int, EntityView]:
    """The 2019 inventory's organisations by their Table 1 row."""
    found = SqlStore().entity_views(Schema.ORGANISATION)
    return {int(e.value("paper_row")): e for e in found.values() if e.value("paper_row")}


def test_the_stage_agrees_with_classify(loaded: dict[str, Any], db: None) -> None:
    summary = loaded["synthesise"]
    # every organisation of the store: the 89 of 2019 and the 2026 update's 3 (one, NAMDA,
    # has no text: data/sources/update2026/facts.csv found none)
    assert summary["organisations"] == 92 and summary["by_status"]["no_text"] == 25
    found, where = texts(), contexts()
    for row, entity in views().items():
        record = focus_record(entity.facts_json())
        if row not in found:
            assert record["focuses"] == NO_TEXT and record["status"] == NO_TEXT, row
            continue
        expected = classify(found[row], where[row])
        assert record["status"] == expected.status, row
        assert tuple(record["codes"]) == expected.codes(FOCUS), row
        roles = [lb["code"] for lb in record["role_labels"]]
        assert sorted(roles) == sorted(expected.codes(ROLE)), row


def test_every_label_carries_its_evidence(loaded: dict[str, Any], db: None) -> None:
    labels = 0
    for entity in views().values():
        for prop in (FOCUS_PROP, ROLE_LABEL_PROP):
            for s in entity.facts.get(prop, ()):
                method, confidence, kind = read_note(s.inferred_from)
                assert method in ("rule", "embedding") and confidence and kind, s
                assert s.original_value and s.source_url and s.rationale, s
                assert s.original_value in " ".join(
                    t.value for t in entity.facts.get(_prop(kind), ())
                )
                labels += 1
    assert labels > 150


def _prop(kind: str) -> str:
    return {"paper_narrative": "narrative"}.get(kind, kind)


def _focus(org_id: str) -> dict[str, Any]:
    entity = SqlStore().entity_views(Schema.ORGANISATION)[org_id]
    return focus_record(entity.facts_json())


def test_a_curators_judgement_is_kept_by_every_later_run(loaded: dict[str, Any], db: None) -> None:
    namfi = views()[58]  # The Nigerian American Medical Foundation International
    org_id = namfi.entity_id
    before = _focus(org_id)
    assert before["codes"] == ["home_country"]
    sentence = before["labels"][0]["sentence"]
    wrong = judge(JudgeRequest("wrong", org_id, "tester", prop="focus", value="home_country"))
    right = judge(JudgeRequest("right", org_id, "tester", prop="focus", value="migrant_care",
                               note="health fairs for Nigerians in Houston"))  # fmt: skip
    stages = load_store(Progress(enabled=False)).stages
    assert stages["synthesise"]["changed"] is True
    after = _focus(org_id)
    assert after["focuses"] == "migrant_care"  # the judged-wrong label is not shown
    by_code = {lb["code"]: lb for lb in after["labels"]}
    rejected = by_code["home_country"]
    assert rejected["status"] == "rejected" and rejected["method"] == CURATOR
    assert rejected["sentence"] == sentence  # the evidence of the label judged stays
    assert by_code["migrant_care"]["status"] == "confirmed"
    assert by_code["migrant_care"]["sentence"] == "health fairs for Nigerians in Houston"
    machine = [
        s
        for s in SqlStore().entity_views(Schema.ORGANISATION)[org_id].facts.get(FOCUS_PROP, ())
        if s.value == "home_country"
    ]
    assert machine == []  # not proposed again
    again = load_store(Progress(enabled=False)).stages
    assert again["synthesise"] == {"skipped": True} and _focus(org_id) == after
    judge(JudgeRequest("undo", str(wrong["id"]), "tester"))
    judge(JudgeRequest("undo", str(right["id"]), "tester"))
    load_store(Progress(enabled=False))
    assert _focus(org_id) == before
