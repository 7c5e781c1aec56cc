"""The study protocol: one frozen record, read from ``protocols/<id>.yml``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from diaspora_atlas.protocol.criteria import (
    EXCLUSION,
    INCLUSION,
    Criterion,
    CriterionException,
    ExclusionReason,
    Screening,
)
from diaspora_atlas.protocol.hosts import Host, HostFigure, Inventory, LmicRule, Rationale
from diaspora_atlas.protocol.vocab import Profession, Professions, Search


@dataclass(frozen=True)
class Protocol:
    """Hosts, LMIC rule, professions, search, criteria and exceptions of one study."""

    id: str
    title: str
    citation: str  # the study the protocol reproduces or the team that wrote it
    url: str
    definition: Rationale  # what counts as the medical diaspora
    hosts: tuple[Host, ...]
    lmic: LmicRule
    professions: Professions
    organisation_kinds: tuple[Profession, ...]
    search: Search
    criteria: tuple[Criterion, ...]
    exceptions: tuple[CriterionException, ...]
    other_reasons: tuple[ExclusionReason, ...]
    screening: Screening
    inventories: tuple[Inventory, ...]
    figures: tuple[HostFigure, ...]
    file: Path = field(default=Path(), compare=False)

    @property
    def host_iso3s(self) -> tuple[str, ...]:
        return tuple(h.iso3 for h in self.hosts)

    @property
    def languages(self) -> tuple[str, ...]:
        """Every host language, in the order the hosts give them."""
        return tuple(dict.fromkeys(lang for h in self.hosts for lang in h.languages))

    def host(self, iso3: str) -> Host | None:
        return next((h for h in self.hosts if h.iso3 == iso3), None)

    def lmic_iso3s(self) -> frozenset[str]:
        """The protocol's LMIC list, computed from the World Bank history in refdata."""
        return self.lmic.iso3s()

    def criterion(self, code: str) -> Criterion | None:
        return next((c for c in self.criteria if c.code == code), None)

    @property
    def inclusion_criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.kind == INCLUSION)

    @property
    def exclusion_criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.kind == EXCLUSION)

    def exclusion_reasons(self) -> tuple[ExclusionReason, ...]:
        """Every reason code an exclusion may carry: one per criterion, then the others."""
        own = tuple(
            ExclusionReason(c.reason, f"{c.code}: {c.wording}", c.code) for c in self.criteria
        )
        return own + self.other_reasons

    @property
    def inventory_datasets(self) -> tuple[str, ...]:
        return tuple(i.dataset for i in self.inventories)

    @property
    def hosts_without_inventory(self) -> tuple[str, ...]:
        """Hosts that no bundled inventory covers yet (their organisations are unknown)."""
        covered = {iso3 for i in self.inventories for iso3 in i.hosts}
        return tuple(iso3 for iso3 in self.host_iso3s if iso3 not in covered)

    def queries_per_engine(self) -> int:
        """How many queries the search plan sends each engine: per LMIC and language."""
        per_country = sum(len(self.search.queries("X", lang)) for lang in self.search.languages)
        return per_country * len(self.lmic_iso3s())

    def summary(self) -> dict[str, Any]:
        """The protocol in brief (for results.json and the command line)."""
        return {
            "id": self.id,
            "title": self.title,
            "citation": self.citation,
            "url": self.url,
            "file": self.file.name,
            "hosts": [
                {"iso3": h.iso3, "name": h.name, "languages": list(h.languages)} for h in self.hosts
            ],
            "lmic": {
                "fiscal_year": self.lmic.fiscal_year,
                "income_groups": list(self.lmic.income_groups),
                "countries": len(self.lmic_iso3s()),
                "added": [c.iso3 for c in self.lmic.additions],
                "removed": [c.iso3 for c in self.lmic.removals],
            },
            "criteria": [c.code for c in self.criteria],
            "exceptions": [x.code for x in self.exceptions],
            "search": {
                "engines": [e.name for e in self.search.engines],
                "languages": list(self.search.languages),
                "combine": self.search.combine,
                "queries_per_engine": self.queries_per_engine(),
            },
            "dual_review": self.screening.dual_review,
            "inventories": list(self.inventory_datasets),
            "hosts_without_inventory": list(self.hosts_without_inventory),
        }

    def as_json(self) -> dict[str, Any]:
        """Everything, as plain JSON, with the computed LMIC list's size."""
        data = asdict(self)
        data.pop("file")
        data["host_iso3s"] = list(self.host_iso3s)
        data["languages"] = list(self.languages)
        data["lmic"]["countries"] = len(self.lmic_iso3s())
        data["hosts_without_inventory"] = list(self.hosts_without_inventory)
        return data
