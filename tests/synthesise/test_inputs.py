"""What the stage reads of an organisation: its texts (page text too), and the curators'
judgements with the evidence of the label judged."""

from __future__ import annotations

from diaspora_atlas.model import Judgement, JudgementKind, Schema, Statement
from diaspora_atlas.model.projection import project
from diaspora_atlas.synthesise.inputs import context_of, priors_of, texts_of
from diaspora_atlas.synthesise.types import CONFIRMED, FOCUS, REJECTED


def st(prop: str, value: str, dataset: str = "web2026", **kw: str) -> Statement:
    return Statement("org-1", Schema.ORGANISATION, prop, value, "src", dataset,
                     source_url=f"https://example.org/{prop}", **kw)  # fmt: skip


STATEMENTS = [
    st("narrative", "It runs clinics in Ghana.", "frehywot2019"),
    st("mission_summary", "A network of Ghanaian doctors."),
    st("mission_summary", "Wrong summary."),
    st("page_text", "We hold health fairs for Ghanaians in the UK.", "verify"),
    st("origin_iso3", "GHA"),
    st("host_iso3", "GBR"),
    st("focus", "home_country", "synthesis", original_value="It runs clinics in Ghana."),
    st("focus", "professional_network", "synthesis", original_value="A network of Ghanaian doctors."),
]  # fmt: skip
JUDGEMENTS = [
    Judgement(JudgementKind.WRONG, "org-1", "a", prop="mission_summary", value="Wrong summary.",
              id=1, created_at="2026-01-01"),
    Judgement(JudgementKind.WRONG, "org-1", "a", prop="focus", value="home_country", id=2,
              created_at="2026-01-02", note="no clinics"),
    Judgement(JudgementKind.CORRECT, "org-1", "b", prop="focus", value="professional_network",
              id=3, created_at="2026-01-03"),
    Judgement(JudgementKind.CORRECT, "org-1", "b", prop="founded_year", value="1990", id=4,
              created_at="2026-01-04"),
]  # fmt: skip


def test_texts_include_page_text_and_leave_out_what_was_judged_wrong() -> None:
    entity = project("org-1", Schema.ORGANISATION, STATEMENTS, JUDGEMENTS)
    kinds = [(t.kind, t.text) for t in texts_of(entity)]
    assert kinds == [
        ("paper_narrative", "It runs clinics in Ghana."),
        ("mission_summary", "A network of Ghanaian doctors."),
        ("page_text", "We hold health fairs for Ghanaians in the UK."),
    ]
    assert context_of(entity).origin_iso3 == ("GHA",) and context_of(entity).host_iso3 == "GBR"


def test_priors_carry_the_evidence_of_the_label_judged() -> None:
    entity = project("org-1", Schema.ORGANISATION, STATEMENTS, JUDGEMENTS)
    priors = {p.prior.code: p.prior for p in priors_of(entity)}
    assert set(priors) == {"home_country", "professional_network"}  # founded_year is not a label
    assert priors["home_country"].verdict == REJECTED and priors["home_country"].kind == FOCUS
    assert priors["home_country"].sentence == "It runs clinics in Ghana."
    assert priors["home_country"].note == "no clinics"
    assert priors["professional_network"].verdict == CONFIRMED
    assert priors["professional_network"].source_url == "https://example.org/focus"
