"""The inputs and outputs of focus and role classification."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from diaspora_atlas.model.focuses import (  # the codes, defined once for every reader
    ASSIGNED,
    CONFIRMED,
    CURATOR,
    HOME_COUNTRY,
    LABELLED,
    MIGRANT_CARE,
    NO_LABEL,
    NO_TEXT,
    PROFESSIONAL_NETWORK,
    REJECTED,
)
from diaspora_atlas.model.focuses import FOCUS_CODES as FOCUSES
from diaspora_atlas.model.vocabulary import Role

__all__ = [
    "ASSIGNED",
    "CONFIRMED",
    "CURATOR",
    "EMBEDDING",
    "FOCUS",
    "FOCUSES",
    "HOME_COUNTRY",
    "LABELLED",
    "MIGRANT_CARE",
    "NO_LABEL",
    "NO_TEXT",
    "PROFESSIONAL_NETWORK",
    "REJECTED",
    "ROLE",
    "ROLE_OF_FOCUS",
    "RULE",
    "Classification",
    "Label",
    "OrgContext",
    "OrgText",
    "PriorJudgement",
]

# The two focuses that are also roles: one label, reported under both names.
ROLE_OF_FOCUS = {
    PROFESSIONAL_NETWORK: Role.PROFESSIONAL_SOCIAL_NETWORKING.value,
    MIGRANT_CARE: Role.MIGRANT_CARE_HOST_COUNTRY.value,
}

FOCUS = "focus"
ROLE = "role"
RULE = "rule"
EMBEDDING = "embedding"


@dataclass(frozen=True)
class OrgText:
    """One text about an organisation: a statement of the paper, a mission summary, a page."""

    text: str
    source_id: str
    source_url: str
    kind: str  # e.g. paper_narrative | mission_summary | mission_quote | page_text


@dataclass(frozen=True)
class OrgContext:
    """What the rules need to know about the organisation to read its texts."""

    origin_iso3: tuple[str, ...]
    host_iso3: str
    origin_subnational: tuple[str, ...] = ()


@dataclass(frozen=True)
class PriorJudgement:
    """A curator's decision on one label: confirmed or rejected. Never overwritten."""

    kind: str  # focus | role
    code: str
    verdict: str  # confirmed | rejected
    author: str
    note: str = ""
    sentence: str = ""
    source_url: str = ""


@dataclass(frozen=True)
class Label:
    kind: str  # focus | role
    code: str
    status: str  # assigned (by a rule or the model) | confirmed | rejected (by a curator)
    sentence: str
    source_id: str
    source_url: str
    confidence: float
    method: str  # rule | embedding | curator
    reason: str  # the rule's note, the prototype matched, or "curator"

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "code": self.code,
            "status": self.status,
            "sentence": self.sentence,
            "source_id": self.source_id,
            "source_url": self.source_url,
            "confidence": round(self.confidence, 3),
            "method": self.method,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Classification:
    status: str  # labelled | no_label | no_text
    labels: tuple[Label, ...] = field(default=())

    def codes(self, kind: str = FOCUS) -> tuple[str, ...]:
        """The codes that hold (assigned or confirmed), in vocabulary order for focuses."""
        held = {lb.code for lb in self.labels if lb.kind == kind and lb.status != REJECTED}
        order = FOCUSES if kind == FOCUS else tuple(r.value for r in Role)
        return tuple(c for c in order if c in held)

    def focus_column(self) -> str:
        """The export column: 'home_country;professional_network', '' or 'no_text'."""
        if self.status == NO_TEXT:
            return NO_TEXT
        return ";".join(self.codes(FOCUS))

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "focuses": self.focus_column(),
            "roles": list(self.codes(ROLE)),
            "labels": [lb.as_dict() for lb in self.labels],
        }
