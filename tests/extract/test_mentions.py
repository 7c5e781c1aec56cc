"""Candidate extraction: unit behaviour, and quality on the real-text gold set."""

from __future__ import annotations

import pytest

from diaspora_atlas.extract.mentions import candidates, extract_mentions

from .gold import load_gold, score

# Figures reached on the whole gold set (107 passages; 83 diaspora mentions, 130 look-alikes:
# precision 0.951, recall 0.928, origin 1.000, host 0.974, look-alikes kept out 0.969), less
# a small margin: the suite fails when the extractor gets worse.
MIN_PRECISION = 0.93
MIN_RECALL = 0.91
MIN_ORIGIN_ACCURACY = 0.97
MIN_HOST_ACCURACY = 0.95
MIN_LOOKALIKE_REJECTION = 0.95
# The held-out passages (14, labelled before the extractor ran on them: 6 diaspora
# mentions, 20 look-alikes) reached precision 5/6 and recall 5/6.
MIN_HELDOUT_PRECISION = 0.8
MIN_HELDOUT_RECALL = 0.8


def test_gold_set_is_large_enough_and_sourced() -> None:
    passages = load_gold()
    mentions = [m for _, gold in passages for m in gold]
    assert len(mentions) >= 200
    assert sum(m.positive for m in mentions) >= 80
    assert len(load_gold("heldout")) >= 14
    assert all(str(p["url"]).startswith("http") for p, _ in passages)


def test_precision_and_recall_on_the_gold_set() -> None:
    result = score()
    assert result.precision >= MIN_PRECISION, result
    assert result.recall >= MIN_RECALL, result


def test_precision_and_recall_on_the_held_out_passages() -> None:
    result = score("heldout")
    assert result.precision >= MIN_HELDOUT_PRECISION, result
    assert result.recall >= MIN_HELDOUT_RECALL, result


def test_origin_and_host_on_the_gold_set() -> None:
    result = score()
    assert result.origin_accuracy >= MIN_ORIGIN_ACCURACY, result
    assert result.host_accuracy >= MIN_HOST_ACCURACY, result
    assert result.lookalike_rejection >= MIN_LOOKALIKE_REJECTION, result


def test_a_named_organisation_with_its_acronym_origin_and_host() -> None:
    text = "Members of the Sudanese American Physicians Association (SAPA) met in Houston."
    (mention,) = extract_mentions(text)
    assert mention.name == "Sudanese American Physicians Association"
    assert text[mention.start : mention.end] == mention.name
    assert (mention.acronym, mention.origin_iso3, mention.host_iso3) == ("SAPA", ("SDN",), "USA")
    assert mention.candidate and mention.evidence


def test_acronym_given_before_the_name() -> None:
    (mention,) = extract_mentions("APPNA, the Association of Pakistani Physicians of North America")
    assert mention.acronym == "APPNA"


def test_host_from_the_sentence_when_the_name_gives_none() -> None:
    (mention,) = extract_mentions(
        "Doctors from Egypt who work in the UK founded the Egyptian Medical Society."
    )
    assert (mention.origin_iso3, mention.host_iso3) == (("EGY",), "GBR")
    assert any(e.rule == "context_host" for e in mention.evidence)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("He trained at the Korle Bu Teaching Hospital in Accra.", "hospital"),
        ("She studied at the University of Ghana.", "university"),
        ("The Philippine Nurses Association of America met.", "nurses"),
        (
            "The Nigerian Association of Pharmacists and Pharmaceutical Scientists in the Americas.",
            "pharmacists",
        ),
        ("It lobbied the American Medical Association for fair treatment.", "host_body"),
        ("The Nigerians in Diaspora Commission praised them.", "government"),
        ("The Nepalese Engineers Association in the UK met.", "engineers"),
        ("The Pakistan Business Council of Australia met.", "not_medical"),
    ],
)
def test_lookalikes_are_rejected_with_their_reason(text: str, reason: str) -> None:
    mentions = extract_mentions(text)
    assert mentions and all(not m.candidate for m in mentions)
    assert mentions[-1].reason == reason


def test_profession_words_come_from_the_caller() -> None:
    text = "The Filipino Nurses Association of Canada met in Toronto."
    assert not candidates(text)
    found = candidates(text, medical_words=["nurses"], excluded_professions={})
    assert [m.origin_iso3 for m in found] == [("PHL",)]


def test_no_names_no_mentions() -> None:
    assert extract_mentions("medical diaspora organizations in the united kingdom") == []
