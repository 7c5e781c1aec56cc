"""The one projection: which value is shown and why, with judgements applied."""

from __future__ import annotations

from typing import Any

from diaspora_atlas.model import Judgement, JudgementKind, Schema, Statement, effective
from diaspora_atlas.model.projection import ChoiceReason, chosen_value, project


def fact(value: str, prop: str = "founded_year", **extra: Any) -> Statement:
    fields: dict[str, Any] = {"source_id": "src", "dataset": "d", **extra}
    return Statement("org-a", Schema.ORGANISATION, prop, value, **fields)


def judged(kind: JudgementKind, jid: int, at: str, **extra: Any) -> Judgement:
    return Judgement(kind, "org-a", "ana", id=jid, created_at=at, **extra)


def test_a_value_marked_preferred_wins_over_a_more_recent_one() -> None:
    view = project(
        "org-a",
        Schema.ORGANISATION,
        [
            fact("1982", preferred=True, rationale="the organisation's own site"),
            fact("1984", retrieved_at="2026-11-24"),
        ],
    )
    choice = view.choices["founded_year"]
    assert (choice.statement.value, choice.reason) == ("1982", ChoiceReason.PREFERRED)
    assert choice.explanation == "the organisation's own site"
    assert view.conflicts() == ["founded_year"]


def test_otherwise_the_most_recently_retrieved_source_wins() -> None:
    view = project(
        "org-a",
        Schema.ORGANISATION,
        [fact("1984", retrieved_at="2026-01-01"), fact("1990", retrieved_at="2026-11-24")],
    )
    assert view.value("founded_year") == "1990"
    assert view.choices["founded_year"].reason == ChoiceReason.MOST_RECENT
    assert "2026-11-24" in view.choices["founded_year"].explanation


def test_a_judgement_beats_the_preferred_flag_and_its_undo_restores_it() -> None:
    statements = [fact("1982", preferred=True), fact("1984")]
    right = judged(JudgementKind.CORRECT, 1, "2026-11-30T10:00", prop="founded_year", value="1984")
    view = project("org-a", Schema.ORGANISATION, statements, [right])
    assert view.value("founded_year") == "1984"
    assert view.choices["founded_year"].reason == ChoiceReason.JUDGEMENT
    assert "ana judged “1984” right" in view.choices["founded_year"].explanation
    undo = judged(JudgementKind.UNDO, 2, "2026-11-30T11:00", undoes=1)
    view = project("org-a", Schema.ORGANISATION, statements, [right, undo])
    assert view.value("founded_year") == "1982"
    assert view.last_modified == "2026-11-30T11:00"  # the undo is a change too
    again = judged(JudgementKind.UNDO, 3, "2026-11-30T12:00", undoes=2)
    view = project("org-a", Schema.ORGANISATION, statements, [right, undo, again])
    assert view.value("founded_year") == "1984"  # undoing the undo restores the judgement


def test_a_value_judged_wrong_is_never_shown_but_kept_as_rejected() -> None:
    wrong = judged(JudgementKind.WRONG, 1, "2026-11-30", prop="founded_year", value="1982")
    view = project("org-a", Schema.ORGANISATION, [fact("1982", preferred=True)], [wrong])
    assert view.value("founded_year") == "" and "founded_year" not in view.facts
    rejected = view.facts_json()["founded_year"]
    assert rejected[0]["value"] == "1982" and "judged “1982” wrong" in rejected[0]["rejected"]


def test_a_correction_no_source_gives_becomes_the_shown_value() -> None:
    right = judged(
        JudgementKind.CORRECT, 1, "2026-11-30", prop="hq_city", value="Westmont", note="IRS"
    )
    view = project("org-a", Schema.ORGANISATION, [fact("1982")], [right])
    shown = view.chosen("hq_city")
    assert shown is not None and shown.value == "Westmont" and shown.asserted_by == "ana"
    assert chosen_value(view.facts_json(), "hq_city") == "Westmont"


def test_multi_valued_properties_keep_every_value_but_those_judged_wrong() -> None:
    roles = [fact("advocacy", "role"), fact("training_education", "role")]
    wrong = judged(JudgementKind.WRONG, 1, "2026-11-30", prop="role", value="advocacy")
    view = project("org-a", Schema.ORGANISATION, roles, [wrong])
    assert view.values("role") == ["training_education"]
    assert view.conflicts() == []


def test_scope_and_verification_come_from_judgements_and_checks() -> None:
    exclude = judged(JudgementKind.EXCLUDE, 1, "2026-11-29", reason_code="not_medical")
    confirm = judged(JudgementKind.CONFIRM, 2, "2026-11-30")
    check = fact("ok", "check_outcome", retrieved_at="2026-12-01")
    view = project("org-a", Schema.ORGANISATION, [fact("1982"), check], [exclude, confirm])
    assert view.scope is not None and view.scope.reason_code == "not_medical"
    assert view.last_verified == "2026-12-01"
    assert project("org-a", Schema.ORGANISATION, [fact("1982")]).last_verified == ""


def test_effective_ignores_order_of_arrival() -> None:
    first = judged(JudgementKind.SAME, 1, "2026-11-30T10:00", object_id="org-b")
    undo = judged(JudgementKind.UNDO, 2, "2026-11-30T11:00", undoes=1)
    assert effective([undo, first]) == []


def test_a_proposed_value_fills_a_gap_but_never_replaces_a_stated_one() -> None:
    proposed = fact("1975", proposed=True, retrieved_at="2026-12-01", dataset="pages")
    view = project("org-a", Schema.ORGANISATION, [proposed])
    assert view.value("founded_year") == "1975"
    assert view.choices["founded_year"].reason == ChoiceReason.PROPOSED
    view = project("org-a", Schema.ORGANISATION, [fact("1982", retrieved_at="2019"), proposed])
    assert view.value("founded_year") == "1982"
    right = judged(JudgementKind.CORRECT, 1, "2026-12-02", prop="founded_year", value="1975")
    view = project("org-a", Schema.ORGANISATION, [fact("1982"), proposed], [right])
    assert view.value("founded_year") == "1975"
