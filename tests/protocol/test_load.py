"""Both bundled protocols load, say what the papers and their authors say, and compute."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diaspora_atlas.errors import UsageError
from diaspora_atlas.protocol import Protocol, available, load_protocol, protocols_dir
from diaspora_atlas.refdata import lmic_iso3s

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def paper() -> Protocol:
    return load_protocol("frehywot2019")


@pytest.fixture(scope="module")
def second() -> Protocol:
    return load_protocol("francophone-lusophone-2026")


def test_the_bundled_protocols_are_found() -> None:
    assert protocols_dir() == ROOT / "protocols"
    assert available() == ["francophone-lusophone-2026", "frehywot2019", "frehywot2019-update2026"]


def test_the_papers_hosts_in_the_order_it_reports_them(paper: Protocol) -> None:
    assert paper.host_iso3s == ("USA", "GBR", "AUS", "CAN")
    assert paper.languages == ("en",)
    for host in paper.hosts:
        assert [r.source for r in host.rationale] == [
            "Frehywot et al. 2019, Methods, step 1 (citing its reference 9)",
            "Frehywot et al. 2019, Methods, step 1 (citing its reference 10)",
        ]
        assert "between 23 and 28 percent of physicians" in host.rationale_text


def test_the_papers_lmic_list_is_computed_for_fy2019(paper: Protocol) -> None:
    assert (paper.lmic.fiscal_year, paper.lmic.income_groups) == (2019, ("L", "LM", "UM"))
    assert paper.lmic_iso3s() == lmic_iso3s(2019)  # what the report and audit computed before
    assert {"NGA", "IND", "AFG"} <= paper.lmic_iso3s() and "ARG" not in paper.lmic_iso3s()


def test_the_papers_criteria_and_exception(paper: Protocol) -> None:
    assert [c.code for c in paper.inclusion_criteria] == ["I1", "I2", "I3", "I4", "I5"]
    assert [c.code for c in paper.exclusion_criteria] == ["E1", "E2", "E3"]
    assert paper.criterion("I3") is not None
    assert paper.criterion("I3").wording == "The organization mainly consists of medical doctors."  # type: ignore[union-attr]
    assert paper.criterion("E2").wording == "Nurse or pharmacist diaspora organizations"  # type: ignore[union-attr]
    assert {c.decided_by for c in paper.criteria} == {"rule", "reviewer"}
    [exception] = paper.exceptions
    assert exception.criterion == "I5" and "Vietnamese Physicians Association" in exception.wording
    assert [r.code for r in paper.exclusion_reasons()] == [c.reason for c in paper.criteria]
    assert not paper.screening.dual_review and paper.screening.reviewers is None


def test_the_papers_search(paper: Protocol) -> None:
    assert [e.name for e in paper.search.engines] == [
        "PubMed", "Scopus", "Google", "Google Scholar", "LexisNexis",
    ]  # fmt: skip
    assert paper.search.terms_in("en")[0] == "medical diaspora organization"
    assert paper.search.queries("Nigeria", "en") == (
        '"Nigeria" AND ("medical diaspora organization" OR "medical diaspora engagement" OR '
        '"medical diaspora services" OR "medical diaspora initiatives" OR '
        '"medical diaspora contributions")',
    )
    assert paper.queries_per_engine() == 137


def test_professions_in_the_hosts_languages(paper: Protocol, second: Protocol) -> None:
    [doctors] = paper.professions.included
    assert {"physicians", "doctors", "surgeons", "medical"} <= set(doctors.words_in("en"))
    excluded = {p.name: p.criterion for p in paper.professions.excluded}
    assert excluded["nurses"] == excluded["pharmacists"] == "E2"
    assert excluded["engineers"] == "E1"
    [medecins] = second.professions.included
    assert {"médecins", "médical"} <= set(medecins.words_in("fr"))
    assert {"médicos", "médico"} <= set(medecins.words_in("pt"))
    for profession in (*second.professions.included, *second.professions.excluded):
        assert {w.language for w in profession.words} >= set(second.languages)


def test_the_second_protocol(second: Protocol) -> None:
    assert second.host_iso3s == ("FRA", "BEL", "CHE", "PRT")
    assert second.languages == ("fr", "nl", "de", "it", "pt")
    assert second.lmic.fiscal_year == 2026 and second.lmic_iso3s() == lmic_iso3s(2026)
    assert second.inventories == () and second.hosts_without_inventory == second.host_iso3s
    assert "association de médecins" in second.search.terms_in("fr")
    assert "associação de médicos" in second.search.terms_in("pt")
    assert second.screening.dual_review and second.screening.reviewers == 2
    assert [f.key for f in second.figures] == ["host-fra", "host-bel", "host-che", "host-prt"]
    for host in second.hosts:
        for reason in host.rationale:  # sourced reasons carry their URL; the rest say whose
            assert reason.basis in ("sourced", "authors_choice")
            assert reason.url.startswith("https://") or reason.basis == "authors_choice"
    assert "duplicate" in {r.code for r in second.exclusion_reasons()}


def test_the_setting_chooses_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIASPORA_ATLAS_PROTOCOL", "francophone-lusophone-2026")
    assert load_protocol().id == "francophone-lusophone-2026"
    monkeypatch.delenv("DIASPORA_ATLAS_PROTOCOL")
    assert load_protocol().id == "frehywot2019"


def test_a_path_works_too(tmp_path: Path) -> None:
    copy = tmp_path / "frehywot2019.yml"
    copy.write_text((ROOT / "protocols" / "frehywot2019.yml").read_text(encoding="utf-8"))
    assert load_protocol(str(copy)).file == copy.resolve()


def test_an_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(UsageError, match="unknown protocol 'frehywot2091'") as caught:
        load_protocol("frehywot2091")
    assert "francophone-lusophone-2026, frehywot2019" in caught.value.one_line()


def test_a_protocol_is_hashable_and_serialisable(paper: Protocol) -> None:
    assert hash(paper) == hash(load_protocol("frehywot2019"))
    data = json.loads(json.dumps(paper.as_json()))
    assert data["host_iso3s"] == ["USA", "GBR", "AUS", "CAN"]
    assert data["lmic"]["countries"] == 137
