"""Reading focus labels back from a record's projected facts (model.focuses)."""

from __future__ import annotations

from typing import Any

from diaspora_atlas.model.focuses import (
    focus_column,
    focus_record,
    label_note,
    labels,
    read_note,
)


def stmt(value: str, **kw: Any) -> dict[str, Any]:
    return {"value": value, "dataset": "synthesis", "original_value": f"about {value}",
            "source_url": "https://example.org", "rationale": "a rule", **kw}  # fmt: skip


def test_the_note_round_trips() -> None:
    assert read_note(label_note("rule", 0.8512, "mission_summary")) == (
        "rule",
        0.85,
        "mission_summary",
    )
    assert read_note("the name “X”") == ("", None, "")


def test_a_rejected_label_never_counts_and_curators_labels_are_confirmed() -> None:
    facts = {
        "focus": [
            stmt("professional_network", inferred_from=label_note("rule", 0.8, "page_text")),
            stmt("home_country", inferred_from=label_note("curator", 1, "paper_narrative"),
                 rejected="tester judged “home_country” wrong"),
            stmt("migrant_care", dataset="judgement", inferred_from=""),
        ],
        "focus_status": [stmt("labelled")],
    }  # fmt: skip
    assert focus_column(facts) == "professional_network;migrant_care"
    shown = labels(facts, "focus")
    assert [(lb["code"], lb["status"]) for lb in shown] == [
        ("professional_network", "assigned"),
        ("migrant_care", "confirmed"),
        ("home_country", "rejected"),
    ]
    assert shown[0]["confidence"] == 0.8 and shown[0]["text_kind"] == "page_text"


def test_no_text_and_not_yet_classified() -> None:
    assert focus_column({"focus_status": [stmt("no_text")]}) == "no_text"
    assert focus_column({"focus_status": [stmt("no_label")]}) == ""
    record = focus_record({})
    assert record == {"focuses": "", "status": "", "codes": [], "labels": [], "role_labels": []}
