"""What resolution takes and gives: mentions in, organisations (clusters) out."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class MentionIn:
    """One candidate mention (or one inventory organisation, ``inventory=True``).

    ``host_iso3``/``origin_iso3`` are what extraction inferred (from the name, else its
    sentence); ``url`` is the address of the record it was found in."""

    id: str
    name: str
    host_iso3: str | None = None
    origin_iso3: tuple[str, ...] = ()
    acronym: str | None = None
    url: str = ""
    inventory: bool = False


@dataclass(frozen=True)
class Member:
    """A mention in a cluster, with the score and evidence of the link that brought it in."""

    id: str
    score: float
    evidence: str


@dataclass(frozen=True)
class ResolvedCluster:
    id: str  # corg-<12 hex>, from its anchor
    anchor: str  # the smallest member id: the cluster's id stays while it keeps that member
    members: tuple[Member, ...]
    name: str  # the name its mentions use most
    names: tuple[str, ...]  # every name used, most used first
    host_iso3: str | None
    origin_iso3: tuple[str, ...]
    acronym: str | None
    sites: tuple[str, ...]  # own web domains, with why
    chapter: bool = False
    chapter_of: str = ""  # the cluster id of its headquarters
    chapter_evidence: str = ""
    inventory_match: str = ""  # the inventory organisation's id
    inventory_evidence: str = ""
    notes: tuple[str, ...] = field(default=())  # ambiguities and refused links, in words

    @property
    def member_ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.members)


def cluster_id(anchor: str) -> str:
    return "corg-" + hashlib.sha1(anchor.encode("utf-8")).hexdigest()[:12]
