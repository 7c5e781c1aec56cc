"""The statement store on whichever database DIASPORA_ATLAS_DATABASE_URL names."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError

from diaspora_atlas import model
from diaspora_atlas.errors import UsageError
from diaspora_atlas.store import models as orm
from diaspora_atlas.store.queries import current_statements, entity_views, statement_history
from diaspora_atlas.store.repository import load_dataset, record_judgement

pytestmark = [pytest.mark.db, pytest.mark.django_db]

SOURCE = model.Source(id="test-src", kind=model.SourceKind.CURATOR, title="A test source")


def fact(entity: str, prop: str, value: str, **extra: Any) -> model.Statement:
    fields: dict[str, Any] = {"source_id": SOURCE.id, **extra}
    return model.Statement(
        entity_id=entity,
        schema=model.Schema.ORGANISATION,
        prop=prop,
        value=value,
        dataset="test",
        **fields,
    )


def test_load_then_reload_unchanged_is_skipped() -> None:
    statements = [fact("org-a", "name", "Alpha"), fact("org-a", "founded_year", "1990")]
    first = load_dataset("test", "hash-1", [SOURCE], statements)
    assert (first.skipped, first.added) == (False, 2)
    again = load_dataset("test", "hash-1", [SOURCE], statements)
    assert again.skipped
    assert orm.Statement.objects.count() == 2
    assert orm.DatasetLoad.objects.filter(dataset="test").count() == 1


def test_vanished_statements_are_retracted_not_deleted() -> None:
    load_dataset("test", "h1", [SOURCE], [fact("org-a", "founded_year", "1990")])
    report = load_dataset("test", "h2", [SOURCE], [fact("org-a", "founded_year", "1991")])
    assert (report.added, report.retracted, report.unchanged) == (1, 1, 0)
    assert orm.Statement.objects.count() == 2
    current = current_statements(model.Schema.ORGANISATION)["org-a"]
    assert [s.value for s in current] == ["1991"]
    history = statement_history("org-a")
    assert [(h["value"], h["event"]) for h in history] == [
        ("1990", "asserted"),
        ("1990", "retracted"),
        ("1991", "asserted"),
    ]


def test_history_cannot_be_rewritten() -> None:
    """1990, then 1991, then 1990 again: every assertion and retraction stays an event of
    the load that made it; the 1990 statement row is reused, never updated."""
    loads = [
        load_dataset("test", f"h{i}", [SOURCE], [fact("org-a", "founded_year", year)])
        for i, year in enumerate(["1990", "1991", "1990"])
    ]
    assert [(r.added, r.retracted) for r in loads] == [(1, 0), (1, 1), (1, 1)]
    history = statement_history("org-a")
    assert [(h["value"], h["event"]) for h in history] == [
        ("1990", "asserted"),
        ("1990", "retracted"),
        ("1991", "asserted"),
        ("1991", "retracted"),
        ("1990", "asserted"),
    ]
    load_ids = [h["load"] for h in history]
    assert load_ids == sorted(load_ids) and len(set(load_ids)) == 3
    assert orm.Statement.objects.count() == 2
    current = current_statements(model.Schema.ORGANISATION)["org-a"]
    assert [s.value for s in current] == ["1990"]


def test_conflicting_values_live_side_by_side() -> None:
    load_dataset(
        "test",
        "h1",
        [SOURCE],
        [
            fact(
                "org-a",
                "founded_year",
                "1982",
                source_url="https://a.example/about",
                preferred=True,
            ),
            fact("org-a", "founded_year", "1984", source_url="https://news.example/x"),
        ],
    )
    values = sorted(s.value for s in current_statements(model.Schema.ORGANISATION)["org-a"])
    assert values == ["1982", "1984"]


@pytest.mark.django_db(transaction=True)
def test_a_failed_load_leaves_the_store_as_it_was() -> None:
    load_dataset("test", "h1", [SOURCE], [fact("org-a", "name", "Alpha")])
    other = model.Source(id="other-src", kind=model.SourceKind.CURATOR, title="Other")
    broken = fact("org-b", "name", "Beta", source_id="no-such-source")  # breaks a foreign key
    with pytest.raises(IntegrityError):
        load_dataset("test", "h2", [other], [fact("org-b", "alias", "B"), broken])
    assert list(orm.Statement.objects.values_list("value", flat=True)) == ["Alpha"]
    assert orm.DatasetLoad.objects.filter(dataset="test").count() == 1
    assert not orm.Source.objects.filter(id="other-src").exists()
    assert not orm.Entity.objects.filter(id="org-b").exists()


def test_judgements_are_appended_and_undone_by_new_rows() -> None:
    first = record_judgement(
        model.Judgement(model.JudgementKind.SAME, "org-a", "curator", object_id="org-b")
    )
    undo = record_judgement(
        model.Judgement(model.JudgementKind.UNDO, "", "curator", undoes=first.id)
    )
    assert orm.Judgement.objects.count() == 2
    assert undo.undoes == first.id and undo.created_at
    standing = model.effective([first, undo])
    assert standing == []


def test_undoing_a_missing_judgement_is_refused() -> None:
    with pytest.raises(UsageError, match="no judgement 999"):
        record_judgement(model.Judgement(model.JudgementKind.UNDO, "", "curator", undoes=999))
    assert orm.Judgement.objects.count() == 0


def test_entity_views_apply_judgements() -> None:
    load_dataset(
        "test",
        "h1",
        [SOURCE],
        [
            fact("org-a", "founded_year", "1982", preferred=True, rationale="its own site"),
            fact("org-a", "founded_year", "1984"),
        ],
    )
    view = entity_views(model.Schema.ORGANISATION)["org-a"]
    assert view.value("founded_year") == "1982"
    wrong = record_judgement(
        model.Judgement(
            model.JudgementKind.WRONG, "org-a", "ana", prop="founded_year", value="1982"
        )
    )
    view = entity_views(model.Schema.ORGANISATION)["org-a"]
    assert view.value("founded_year") == "1984"
    assert view.last_modified == wrong.created_at
    record_judgement(model.Judgement(model.JudgementKind.UNDO, "", "ana", undoes=wrong.id))
    assert entity_views(model.Schema.ORGANISATION)["org-a"].value("founded_year") == "1982"


def test_a_scoped_load_retracts_nothing_outside_its_scope() -> None:
    load_dataset(
        "test",
        "h1",
        [SOURCE],
        [fact("org-a", "check_outcome", "ok"), fact("org-b", "check_outcome", "ok")],
    )
    report = load_dataset(
        "test", "h2", [SOURCE], [fact("org-a", "check_outcome", "moved")], scope=["org-a"]
    )
    assert (report.added, report.retracted) == (1, 1)
    current = current_statements(model.Schema.ORGANISATION)
    assert [s.value for s in current["org-a"]] == ["moved"]
    assert [s.value for s in current["org-b"]] == ["ok"]
    with pytest.raises(UsageError, match="outside the load's scope"):
        load_dataset(
            "test", "h3", [SOURCE], [fact("org-b", "check_outcome", "gone")], scope=["org-a"]
        )
    assert [s.value for s in current_statements(model.Schema.ORGANISATION)["org-b"]] == ["ok"]


def test_statements_of_another_dataset_are_refused() -> None:
    with pytest.raises(UsageError, match="given statements of test"):
        load_dataset("other", "h1", [SOURCE], [fact("org-a", "name", "Alpha")])
    assert orm.Statement.objects.count() == 0
