"""Candidate medical diaspora organisations mentioned in free text (titles, abstracts,
snippets, page text).

Every organisation name found (``namespans``) becomes a ``Mention`` with its span, the name
as written and normalised, its acronym where the text gives one, origin and host countries
(``hostorigin`` on the name, then the sentence around it for a host the name does not
give) and a status: ``candidate`` (could be a medical diaspora organisation) or
``rejected`` with the reason — a hospital, university, government body, nurses' or
pharmacists' association, a host-country body with no origin, a name with no medical word.
Each decision carries its evidence. Profession words are parameters (the protocol passes
its own); the defaults are English.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from diaspora_atlas.extract.context import (
    context_host,
    context_origin,
    placed_at_home,
    sentence_of,
)
from diaspora_atlas.extract.hostorigin import infer_host_origin
from diaspora_atlas.extract.namespans import NameSpan, name_spans
from diaspora_atlas.model import Evidence, Outcome
from diaspora_atlas.protocol import Protocol
from diaspora_atlas.refdata import normalise_name
from diaspora_atlas.refdata.paths import rule_rows

DIASPORA_WORDS = ("abroad", "diaspora", "overseas", "expatriate", "expatriates", "in exile")
# Evidence from the name that it speaks of a place abroad ("of North America", "in the Americas").
ABROAD_RULES = frozenset({"host_phrase", "host_region", "host_neutral", "ambiguous_place"})
_ACRONYM_AFTER = re.compile(r"\s*\((?:or |the )?([A-Z][A-Za-z&.-]*[A-Z][A-Za-z&.-]*)\)")
_ACRONYM_BEFORE = re.compile(r"\b([A-Z][A-Za-z&-]*[A-Z])\s*,\s*(?:the\s+)?$")


@dataclass(frozen=True)
class Mention:
    name: str
    start: int
    end: int
    normalised: str
    acronym: str | None
    origin_iso3: tuple[str, ...]
    host_iso3: str | None
    status: str  # "candidate" or "rejected"
    reason: str  # the look-alike kind when rejected ("hospital", "nurses", ...), else ""
    evidence: tuple[Evidence, ...] = field(default=())

    @property
    def candidate(self) -> bool:
        return self.status == "candidate"

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "start": self.start,
            "end": self.end,
            "normalised": self.normalised,
            "acronym": self.acronym,
            "origin_iso3": list(self.origin_iso3),
            "host_iso3": self.host_iso3,
            "status": self.status,
            "reason": self.reason or None,
            "evidence": [e.as_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class Vocabulary:
    """The words that decide what is medical and what is another profession: the candidate
    words of data/rules/candidate_words.csv plus a protocol's profession words."""

    medical: tuple[str, ...]
    excluded: Mapping[str, tuple[str, ...]]
    diaspora: tuple[str, ...] = DIASPORA_WORDS

    @classmethod
    def of(cls, protocol: Protocol | None = None) -> Vocabulary:
        medical, excluded = _candidate_words()
        groups = {k: list(v) for k, v in excluded.items()}
        words = list(medical)
        if protocol is not None:
            for profession in protocol.professions.included:
                words += [normalise_name(w) for w in profession.all_words]
            for profession in protocol.professions.excluded:
                group = groups.setdefault(profession.name, [])
                group += [normalise_name(w) for w in profession.all_words]
        return cls(
            tuple(dict.fromkeys(words)),
            {k: tuple(dict.fromkeys(v)) for k, v in groups.items()},
        )


@cache
def _candidate_words() -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    rows = rule_rows("candidate_words.csv")
    medical = tuple(r["word"] for r in rows if r["kind"] == "medical")
    excluded: dict[str, tuple[str, ...]] = {}
    for r in rows:
        if r["kind"].startswith("excluded:"):
            group = r["kind"].removeprefix("excluded:")
            excluded[group] = (*excluded.get(group, ()), r["word"])
    return medical, excluded


@cache
def lookalikes() -> tuple[tuple[str, str, str], ...]:
    """(normalised phrase, kind, reason) rows of data/rules/lookalikes.csv, longest first."""
    rows = [
        (normalise_name(r["phrase"]), r["kind"], r["reason"])
        for r in rule_rows("lookalikes.csv", ("phrase", "kind", "reason"))
    ]
    return tuple(sorted(rows, key=lambda row: -len(row[0])))


def extract_mentions(
    text: str,
    *,
    protocol: Protocol | None = None,
    medical_words: Sequence[str] | None = None,
    excluded_professions: Mapping[str, Sequence[str]] | None = None,
) -> list[Mention]:
    """Every organisation mention in ``text``, candidates and rejected look-alikes alike.
    The words come from data/rules/candidate_words.csv and ``protocol``'s professions;
    ``medical_words`` / ``excluded_professions`` replace them (for tests and experiments)."""
    base = Vocabulary.of(protocol)
    vocabulary = Vocabulary(
        tuple(medical_words) if medical_words is not None else base.medical,
        {k: tuple(v) for k, v in excluded_professions.items()}
        if excluded_professions is not None
        else base.excluded,
    )
    spans = list(name_spans(text))
    return [_mention(text, span, spans, vocabulary) for span in spans]


def candidates(text: str, **words: object) -> list[Mention]:
    """Only the mentions that could be medical diaspora organisations."""
    return [m for m in extract_mentions(text, **words) if m.candidate]  # type: ignore[arg-type]


def _mention(text: str, span: NameSpan, spans: list[NameSpan], words: Vocabulary) -> Mention:
    inferred = infer_host_origin(span.text)
    evidence = list(inferred.evidence)
    host, origin = inferred.host_iso3, inferred.origin_iso3
    sentence = sentence_of(text, span.start, span.end)
    if host is None:
        host = context_host(text, sentence, span, spans, inferred.evidence, evidence)
    folded = f" {normalise_name(span.text)} "
    kind, why = _lookalike(folded, words)
    if not kind and not origin and _has(folded, words.medical):
        origin = context_origin(text, sentence, span, words.diaspora, evidence)
    if not kind:
        kind, why = _diaspora_test(folded, origin, host, words, inferred.host_iso3 is not None)
    says_abroad = any(e.rule in ABROAD_RULES for e in inferred.evidence)
    abroad = says_abroad or _has(folded, words.diaspora)
    if not kind and not host and not abroad and placed_at_home(text, sentence, span, origin):
        kind, why = "home_body", "its sentence places it in its own country, with no host"
    status = "rejected" if kind else "candidate"
    evidence.append(
        Evidence(
            rule="mention_" + (kind or "candidate"),
            outcome=Outcome.NO_MATCH if kind else Outcome.MATCH,
            score=0.0 if kind else 1.0,
            explanation=why,
            excerpt=span.text,
        )
    )
    return Mention(
        name=span.text,
        start=span.start,
        end=span.end,
        normalised=normalise_name(span.text),
        acronym=_acronym(text, span),
        origin_iso3=origin,
        host_iso3=host,
        status=status,
        reason=kind,
        evidence=tuple(evidence),
    )


def _has(folded: str, phrases: Sequence[str]) -> bool:
    return any(f" {normalise_name(p)} " in folded for p in phrases)


def _lookalike(folded: str, words: Vocabulary) -> tuple[str, str]:
    medical = _has(folded, words.medical)
    for profession, names in words.excluded.items():
        # "Medical and Dental", "Doctors and Nurses": a medical word keeps the name in.
        if _has(folded, names) and (not medical or profession == "allied_health"):
            return profession, f"a name of {profession.replace('_', ' ')}, not medical doctors"
    for phrase, kind, reason in lookalikes():
        if f" {phrase} " in folded:
            return kind, reason
    return "", ""


def _diaspora_test(
    folded: str,
    origin: tuple[str, ...],
    host: str | None,
    words: Vocabulary,
    host_from_name: bool = True,
) -> tuple[str, str]:
    if not _has(folded, words.medical):
        return "not_medical", "no medical word in the name"
    diaspora = _has(folded, words.diaspora)
    if not origin and host and not diaspora and host_from_name:
        return "host_body", f"a {host} body with no country of origin in its name"
    if not origin and not diaspora:
        return "no_origin", "nothing in the name or its sentence names a country of origin"
    if not host and not diaspora:
        return "", (
            "a medical organisation named for a country of origin; no host or diaspora word, "
            "so it may be that country's own body: screening decides"
        )
    return "", "a medical organisation with a country of origin abroad"


def _acronym(text: str, span: NameSpan) -> str | None:
    after = _ACRONYM_AFTER.match(text, span.end)
    if after:
        return after.group(1)
    before = _ACRONYM_BEFORE.search(text, max(0, span.start - 20), span.start)
    return before.group(1) if before else None
