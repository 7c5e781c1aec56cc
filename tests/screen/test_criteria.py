"""The protocol's criteria decided from evidence cards; decisions with reason codes; the
exception; `screen check`; Cohen's kappa and the final-decision rule."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from diaspora_atlas.cli import main
from diaspora_atlas.model import Judgement, JudgementKind
from diaspora_atlas.model.screening import cohen_kappa, final_decision
from diaspora_atlas.protocol import load_protocol, protocols_dir
from diaspora_atlas.screen.card import Card, Quote, WebsiteCheck
from diaspora_atlas.screen.decide import screen_card
from diaspora_atlas.screen.ranking import naive_bayes, rank, tfidf

PAPER = load_protocol("frehywot2019")
GOOD = Card(
    id="x",
    name="Sudanese American Physicians Association",
    host_iso3="USA",
    host_evidence=(Quote("'american' names host USA", "", "its name"),),
    origin_iso3=("SDN",),
    sites=("sapa-usa.org",),
)


def outcomes(card: Card, protocol: Any = PAPER) -> dict[str, tuple[str, float]]:
    return {c.code: (c.outcome, c.confidence) for c in screen_card(card, protocol).criteria}


def test_each_criterion_by_what_it_checks() -> None:
    found = outcomes(GOOD)
    assert found["I1"] == ("met", 0.9) and found["I2"] == ("met", 0.9)
    assert found["I3"] == ("met", 0.8) and found["I4"] == ("met", 1.0)
    assert found["I5"][0] == "cannot_tell"  # not checked yet
    assert found["E1"][0] == found["E2"][0] == found["E3"][0] == "not_met"
    checked = replace(GOOD, checks=(WebsiteCheck("https://sapa-usa.org", "ok", "2026-11-30"),),
                      addresses=(Quote("1 Main St, Chicago, IL 60601", "https://sapa-usa.org/contact"),))  # fmt: skip
    result = screen_card(checked, PAPER)
    i5 = next(c for c in result.criteria if c.code == "I5")
    assert (i5.outcome, i5.confidence) == ("met", 0.9)
    assert any(q.source_url == "https://sapa-usa.org/contact" for q in i5.evidence)
    assert result.decision == "review"  # I3 and E3 are the reviewers' to decide
    dead = replace(GOOD, checks=(WebsiteCheck("https://sapa-usa.org", "not_found"),))
    assert outcomes(dead)["I5"] == ("not_met", 0.8)


def test_exclusions_by_rule_carry_the_protocols_reason_codes() -> None:
    uk_nurses = replace(
        GOOD, name="Nigerian Nurses Association UK", host_iso3="GBR", origin_iso3=("NGA",)
    )
    result = screen_card(uk_nurses, PAPER)
    assert result.decision == "exclude"
    assert set(result.reasons) == {"no_medical_word_in_name", "nurses_or_pharmacists"}
    japan = replace(GOOD, name="Japanese American Medical Association", origin_iso3=("JPN",))
    assert screen_card(japan, PAPER).reasons == ("origin_not_lmic",)
    france = replace(GOOD, host_iso3="FRA", host_evidence=())
    assert screen_card(france, PAPER).decision == "review"  # from a sentence only: 0.7
    france_named = replace(france, host_evidence=(Quote("'french' names France", "", "its name"),))
    assert screen_card(france_named, PAPER).reasons == ("host_not_in_scope",)
    both = replace(GOOD, name="Ghana Medical and Nursing Association")
    assert outcomes(both)["E2"] == ("cannot_tell", 0.5)  # which profession mainly? a person says


def test_the_exception_is_recorded_with_its_reason() -> None:
    no_site = replace(GOOD, sites=(), texts=(Quote(
        "Although this representative organization has no website, there were a number of "
        "their chapters with viable websites across the United States of America.", "", "Table 1 note"),))  # fmt: skip
    i5 = next(c for c in screen_card(no_site, PAPER).criteria if c.code == "I5")
    assert i5.exception == "X1" and "chapters" in i5.exception_reason
    chapters = replace(GOOD, sites=(), chapters_with_sites=("a.org", "b.org"))
    assert (
        next(c for c in screen_card(chapters, PAPER).criteria if c.code == "I5").exception == "X1"
    )
    one = replace(GOOD, sites=(), chapters_with_sites=("a.org",))
    assert not next(c for c in screen_card(one, PAPER).criteria if c.code == "I5").exception


def test_rules_follow_the_protocol_not_the_study(tmp_path: Path) -> None:
    text = (protocols_dir() / "frehywot2019.yml").read_text(encoding="utf-8")
    text = text.replace("id: frehywot2019", "id: all-rules").replace(
        "decided_by: reviewer", "decided_by: rule"
    )
    text = text.replace("fiscal_year: 2019", "fiscal_year: 2026")
    path = tmp_path / "all-rules.yml"
    path.write_text(text, encoding="utf-8")
    mine = load_protocol(str(path))
    checked = replace(GOOD, checks=(WebsiteCheck("https://sapa-usa.org", "ok"),),
                      addresses=(Quote("1 Main St", "https://sapa-usa.org/contact"),))  # fmt: skip
    assert screen_card(checked, mine).decision == "include"  # every criterion by rule
    argentina = replace(GOOD, name="Argentine-American Medical Society", origin_iso3=("ARG",))
    assert outcomes(argentina)["I2"][0] == "not_met"  # high income in FY2019
    assert outcomes(argentina, mine)["I2"][0] == "met"  # upper-middle in FY2026


def test_screen_check_prints_the_decision(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = tmp_path / "page.txt"
    text.write_text("The Korean Physicians Association in London met in 2025.", encoding="utf-8")
    assert main(["screen", "check", "Sudanese American Physicians Association", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["decision"] == "review" and out["reasons"] == []
    assert [c["code"] for c in out["criteria"]] == ["I1", "I2", "I3", "I4", "I5", "E1", "E2", "E3"]
    assert {"code", "outcome", "confidence", "evidence"} <= set(out["criteria"][0])
    assert main(["screen", "check", "Nigerian Nurses Association UK", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["decision"] == "exclude"
    assert (
        main(
            [
                "screen",
                "check",
                "Ghana Physicians Association",
                "--text",
                str(tmp_path / "missing.txt"),
            ]
        )
        == 2
    )
    assert "cannot read" in capsys.readouterr().err


def j(kind: str, author: str, reason: str = "", n: int = 0, prop: str = "") -> Judgement:
    return Judgement(JudgementKind(kind), "corg-1", author, reason_code=reason, prop=prop, id=n,
                     created_at=f"2026-12-01T00:00:{n:02d}")  # fmt: skip


def test_final_decision_rule() -> None:
    assert final_decision([], "exclude", "origin_not_lmic", dual=True).by == "rule"
    assert final_decision([], "review", "", dual=False).status == "pending"
    one = [j("include", "a", n=1)]
    assert final_decision(one, "review", "", dual=False).decision == "include"
    assert final_decision(one, "review", "", dual=True).status == "pending"
    agree = [*one, j("include", "b", n=2)]
    assert final_decision(agree, "review", "", dual=True).by == "a+b"
    clash = [*one, j("exclude", "b", "regional_chapter", n=2)]
    assert final_decision(clash, "review", "", dual=True).status == "conflict"
    settled = [*clash, j("exclude", "c", "regional_chapter", n=3, prop="resolution")]
    final = final_decision(settled, "review", "", dual=True)
    assert (final.decision, final.reason, final.by) == (
        "exclude",
        "regional_chapter",
        "resolution:c",
    )


def test_cohen_kappa_against_a_worked_example() -> None:
    # 50 items: both yes 20, both no 15, a-yes b-no 5, a-no b-yes 10 -> po 0.7, pe 0.5, kappa 0.4
    pairs = [("y", "y")] * 20 + [("n", "n")] * 15 + [("y", "n")] * 5 + [("n", "y")] * 10
    assert cohen_kappa(pairs) == pytest.approx(0.4)
    assert cohen_kappa([]) is None and cohen_kappa([("y", "y")]) == 1.0


def test_naive_bayes_puts_likely_inclusions_first() -> None:
    texts = {"a": "sudanese physicians association usa", "b": "nurses association uk",
             "c": "ghanaian physicians association usa", "d": "pharmacists union uk"}  # fmt: skip
    scores = naive_bayes(tfidf(texts), {"a": True, "b": False})
    assert scores["c"] > 0.5 > scores["d"]
    decided = {"a": True, "b": False, "x1": True, "x2": False, "x3": True}
    ranking = rank({**texts, "x1": "", "x2": "", "x3": ""}, {}, decided, ["c", "d"])
    assert ranking.order == ("c", "d") and ranking.trained_on == 5
