"""The 2026 update's protocol is the 2019 protocol but for its review and its inventories."""

from __future__ import annotations

from diaspora_atlas.protocol import load_protocol


def test_the_update_keeps_the_2019_rules() -> None:
    paper, update = load_protocol("frehywot2019"), load_protocol("frehywot2019-update2026")
    for field in ("hosts", "lmic", "professions", "organisation_kinds", "search", "criteria",
                  "exceptions", "other_reasons", "definition", "figures"):  # fmt: skip
        assert getattr(update, field) == getattr(paper, field), field
    assert update.screening.dual_review and update.screening.conflicts == "third_reviewer"
    assert not paper.screening.dual_review
    assert update.inventory_datasets == ("frehywot2019", "update2026")
    assert paper.inventory_datasets == ("frehywot2019",)  # the 2019 report stays the paper's
