"""How candidates are screened: the criteria with their codes, the documented exceptions,
the reason codes for exclusions, and the review arrangement."""

from __future__ import annotations

from dataclasses import dataclass

INCLUSION = "inclusion"
EXCLUSION = "exclusion"
KINDS = (INCLUSION, EXCLUSION)
RULE = "rule"
REVIEWER = "reviewer"
DECIDERS = (RULE, REVIEWER)
# What a criterion is about, so that screening knows which evidence decides it.
CHECKS = {
    "host_country": "the organisation is based in one of the protocol's hosts",
    "origin_country": "its members come from one country of the protocol's LMIC list",
    "membership": "its members are mainly of the included professions",
    "name_word": "its name has a word of the included professions",
    "headquarters_web": "its headquarters has an active web page giving its address",
    "excluded_profession": "it is an organisation of an excluded profession",
    "chapter": "it is a regional chapter or branch of another organisation",
}
CONFLICT_RULES = ("third_reviewer", "discussion")


@dataclass(frozen=True)
class Criterion:
    """An inclusion or exclusion criterion, with its wording as the protocol states it."""

    code: str  # "I1", "E3"
    kind: str  # "inclusion" | "exclusion"
    wording: str
    decided_by: str  # "rule": a rule decides when its evidence is conclusive; "reviewer"
    checks: str  # a key of CHECKS
    reason: str  # the reason code an exclusion for this criterion is recorded with
    source: str = ""  # where the wording comes from


@dataclass(frozen=True)
class CriterionException:
    """A documented exception: a criterion that is relaxed when a condition holds."""

    code: str
    criterion: str  # the code of the criterion it relaxes
    wording: str
    condition: str
    reason: str  # why the exception is made
    source: str = ""


@dataclass(frozen=True)
class ExclusionReason:
    """A reason code an exclusion is recorded with."""

    code: str
    wording: str
    criterion: str = ""  # the criterion it comes from, "" for other reasons (duplicates)


@dataclass(frozen=True)
class Screening:
    """Who decides: one reviewer or two independently (dual review), and conflicts."""

    dual_review: bool
    reviewers: int | None  # None: the protocol does not say
    conflicts: str = ""  # one of CONFLICT_RULES when dual_review
    note: str = ""
