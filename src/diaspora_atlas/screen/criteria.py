"""The protocol's criteria decided from an evidence card, each with an outcome (met, not_met,
cannot_tell), a confidence and its evidence.

Which rule decides a criterion is what the criterion ``checks`` (protocol/criteria.py
``CHECKS``); the words, hosts and LMIC list are the protocol's. A criterion decided by a
reviewer still gets the rule's reading, as a suggestion shown beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from diaspora_atlas.protocol import Criterion, Protocol
from diaspora_atlas.refdata import country, country_for_domain, normalise_name
from diaspora_atlas.screen.card import Card, Quote
from diaspora_atlas.screen.websites import ACTIVE, INACTIVE, group_of

MET, NOT_MET, CANNOT_TELL = "met", "not_met", "cannot_tell"


@dataclass(frozen=True)
class Reading:
    outcome: str
    confidence: float
    explanation: str
    evidence: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class CriterionResult:
    code: str
    kind: str
    decided_by: str
    outcome: str
    confidence: float
    explanation: str
    evidence: tuple[Quote, ...] = ()
    exception: str = ""  # the code of the exception applied, with its reason below
    exception_reason: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "kind": self.kind,
            "decided_by": self.decided_by,
            "outcome": self.outcome,
            "confidence": round(self.confidence, 2),
            "explanation": self.explanation,
            "evidence": [q.as_json() for q in self.evidence],
            "exception": {"code": self.exception, "reason": self.exception_reason}
            if self.exception
            else None,
        }


def has_word(name: str, words: Sequence[str]) -> str:
    """The first of ``words`` (folded) that the name holds as whole words, or ""."""
    folded = f" {normalise_name(name)} "
    return next((w for w in words if f" {normalise_name(w)} " in folded), "")


def host_country(card: Card, c: Criterion, p: Protocol) -> Reading:
    host, evidence, confidence = card.host_iso3, card.host_evidence, 0.9
    if not host:
        for site in card.sites:
            found = country_for_domain(site.split("/")[0])
            if found is not None:
                host, confidence = found.iso3, 0.8
                evidence = (
                    Quote(f"the site {site} is in the country domain of {found.name}", site),
                )
                break
    if not host:
        return Reading(CANNOT_TELL, 0.0, "nothing in its names, sentences or site says where it is")
    if not evidence:
        confidence = 0.7
    where = f"based in {country(host).name} ({host})"
    if host in p.host_iso3s:
        return Reading(MET, confidence, f"{where}, a host of the protocol", evidence)
    return Reading(NOT_MET, confidence, f"{where}, not one of {', '.join(p.host_iso3s)}", evidence)


def origin_country(card: Card, c: Criterion, p: Protocol) -> Reading:
    origins, lmics = card.origin_iso3, p.lmic_iso3s()
    year = f"FY{p.lmic.fiscal_year}"
    if not origins:
        return Reading(CANNOT_TELL, 0.0, "no country of origin is named", card.origin_evidence)
    listed = [o for o in origins if o in lmics]
    names = ", ".join(f"{country(o).name} ({o})" for o in origins)
    if len(origins) == 1 and listed:
        return Reading(
            MET, 0.9, f"members from {names}, in the {year} LMIC list", card.origin_evidence
        )
    if not listed:
        why = f"members from {names}: not in the {year} LMIC list"
        return Reading(NOT_MET, 0.9, why, card.origin_evidence)
    why = f"members from several countries ({names}), not one LMIC"
    return Reading(NOT_MET, 0.6, why, card.origin_evidence)


def membership(card: Card, c: Criterion, p: Protocol) -> Reading:
    """Mainly medical doctors: a reviewer's call; the name's profession word is a hint."""
    words = [w for prof in p.professions.included for w in prof.all_words]
    found = has_word(card.name, words)
    doctors = has_word(card.name, [w for w in words if "medic" not in w and "health" not in w])
    if doctors:
        return Reading(MET, 0.8, f"its name says its members are “{doctors}”", _name(card))
    if found and "health" not in found:
        return Reading(MET, 0.6, f"its name says “{found}”: mostly doctors, as a rule", _name(card))
    if found:
        return Reading(
            CANNOT_TELL, 0.4, f"its name says “{found}”: doctors or others too?", _name(card)
        )
    return Reading(CANNOT_TELL, 0.0, "nothing in the name says who its members are")


def name_word(card: Card, c: Criterion, p: Protocol) -> Reading:
    words = [w for prof in p.professions.included for w in prof.all_words]
    found = has_word(card.name, words)
    if found:
        return Reading(MET, 1.0, f"the name has the word “{found}”", _name(card))
    return Reading(
        NOT_MET, 0.9, "the name has none of the protocol's profession words", _name(card)
    )


def headquarters_web(card: Card, c: Criterion, p: Protocol) -> Reading:
    groups = {check.url: group_of(check.outcome) for check in card.checks}
    evidence = tuple(
        Quote(f"{k.outcome}: {k.explanation}".strip(": "), k.url, f"website check {k.checked_at}")
        for k in card.checks
    )
    if any(g in ACTIVE for g in groups.values()):
        if card.addresses:
            return Reading(
                MET, 0.9, "an active web page giving its address", evidence + card.addresses
            )
        return Reading(CANNOT_TELL, 0.5, "an active web page; no address found on it yet", evidence)
    if groups and all(g in INACTIVE for g in groups.values()):
        return Reading(NOT_MET, 0.8, "its website no longer works", evidence)
    if not card.sites:
        return Reading(CANNOT_TELL, 0.3, "no website of its own is known", evidence)
    return Reading(
        CANNOT_TELL, 0.3, "its website has not been checked (by diaspora-atlas verify)", evidence
    )


def excluded_profession(card: Card, c: Criterion, p: Protocol) -> Reading:
    words = [
        w for prof in p.professions.excluded if prof.criterion == c.code for w in prof.all_words
    ]
    found = has_word(card.name, words)
    if not found:
        return Reading(
            NOT_MET, 0.8, "its name has none of the criterion's profession words", _name(card)
        )
    medical = has_word(card.name, [w for prof in p.professions.included for w in prof.all_words])
    if medical:
        why = f"its name says “{found}” and “{medical}”: which profession is it mainly?"
        return Reading(CANNOT_TELL, 0.5, why, _name(card))
    return Reading(MET, 0.9, f"its name says “{found}”", _name(card))


def chapter(card: Card, c: Criterion, p: Protocol) -> Reading:
    if card.chapter:
        if card.chapter_of:
            why = f"a regional chapter or branch of {card.chapter_of}"
            return Reading(MET, 0.9, why, card.chapter_evidence)
        return Reading(MET, 0.7, "a regional chapter or branch", card.chapter_evidence)
    return Reading(NOT_MET, 0.8, "no chapter or branch word in its name", _name(card))


def _name(card: Card) -> tuple[Quote, ...]:
    return tuple(q for q in card.excerpts[:1]) or (Quote(card.name, "", "its name"),)


RULES: dict[str, Callable[[Card, Criterion, Protocol], Reading]] = {
    "host_country": host_country,
    "origin_country": origin_country,
    "membership": membership,
    "name_word": name_word,
    "headquarters_web": headquarters_web,
    "excluded_profession": excluded_profession,
    "chapter": chapter,
}
