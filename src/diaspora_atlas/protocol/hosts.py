"""Where a protocol looks and what it counts: hosts with their rationale, the LMIC rule, the
bundled inventories and the host-country figures."""

from __future__ import annotations

from dataclasses import dataclass

from diaspora_atlas.refdata import IncomeGroup, countries, income_group

SOURCED = "sourced"
INFERRED = "inferred"
AUTHORS_CHOICE = "authors_choice"
BASES = (SOURCED, INFERRED, AUTHORS_CHOICE)


@dataclass(frozen=True)
class Rationale:
    """One reason for a choice: what a cited source says (``sourced``), what the project
    concluded from data and says how (``inferred``), or a choice the protocol's authors made
    and say so (``authors_choice``)."""

    statement: str
    basis: str  # "sourced" | "inferred" | "authors_choice"
    source: str = ""  # the citation with its section, or how it was inferred
    url: str = ""


@dataclass(frozen=True)
class Host:
    """A destination (host) country the protocol searches."""

    iso3: str
    name: str
    languages: tuple[str, ...]  # ISO 639-1 codes, the first the main one
    rationale: tuple[Rationale, ...]
    note: str = ""

    @property
    def rationale_text(self) -> str:
        return " ".join(r.statement for r in self.rationale)


@dataclass(frozen=True)
class CountryChange:
    """A country added to or removed from the World Bank list, with the reason."""

    iso3: str
    reason: str


@dataclass(frozen=True)
class LmicRule:
    """The LMIC list as a rule over the World Bank classification: the countries in
    ``income_groups`` in ``fiscal_year`` (FY N = the classification of July N-1), plus
    ``additions``, minus ``removals``."""

    fiscal_year: int
    income_groups: tuple[str, ...]  # IncomeGroup values: "L", "LM", "UM", "H"
    additions: tuple[CountryChange, ...] = ()
    removals: tuple[CountryChange, ...] = ()
    rationale: tuple[Rationale, ...] = ()

    def iso3s(self) -> frozenset[str]:
        """The list, computed from the bundled World Bank history (never a copied list)."""
        groups = {IncomeGroup(g) for g in self.income_groups}
        listed = {iso3 for iso3 in countries() if income_group(iso3, self.fiscal_year) in groups}
        listed |= {c.iso3 for c in self.additions}
        return frozenset(listed - {c.iso3 for c in self.removals})


@dataclass(frozen=True)
class Inventory:
    """A bundled dataset (``data/sources/<dataset>``) that is this protocol's inventory for
    some of its hosts."""

    dataset: str
    hosts: tuple[str, ...]  # ISO3 of the hosts it covers
    note: str = ""


@dataclass(frozen=True)
class HostFigure:
    """A host-country map of the report: its key (file name), title and the hosts it shows."""

    key: str
    title: str
    hosts: tuple[str, ...]
