"""The headline numbers: one function, called by the report, results.json, its CSV table,
the web's home, offices, countries and maps pages, their JSON twins and the API.

Each number has a key, a label, a value and its definition (what is counted and from
what), so every page shows the same number under the same words and links to the same
definition (``/numbers/#<key>`` on the web, the "Headline numbers" table in the report).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from diaspora_atlas.model.vocabulary import InstitutionType
from diaspora_atlas.protocol import Protocol
from diaspora_atlas.report.study import StudyView
from diaspora_atlas.report.tables import Table

NOT_GOVERNMENT = InstitutionType.NOT_GOVERNMENT.value


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    value: int
    definition: str
    parts: dict[str, int] = field(default_factory=dict)  # e.g. organisations per host

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "value": self.value,
            "definition": self.definition,
            "parts": dict(self.parts),
        }


def _by_host(study: StudyView, protocol: Protocol) -> dict[str, int]:
    counted = Counter(o.host_iso3 for o in study.organisations)
    hosts = [h for h in protocol.host_iso3s if counted[h]]
    hosts += sorted(h for h in counted if h not in hosts)
    return {h: counted[h] for h in sorted(hosts, key=lambda h: -counted[h])}


def headline(study: StudyView, protocol: Protocol) -> tuple[Metric, ...]:
    """The study's headline numbers under ``protocol`` (its inventories, hosts, LMIC year)."""
    orgs = study.organisations
    fy = protocol.lmic.fiscal_year
    lmics = protocol.lmic_iso3s()
    origins = {c for o in orgs for c in o.origin_iso3}
    government = [o for o in study.offices if o.institution_type != NOT_GOVERNMENT]
    inventories = ", ".join(i.dataset for i in protocol.inventories) or "none"
    return (
        Metric(
            "organisations",
            "Organisations",
            len(orgs),
            f"Medical diaspora organisations in the study protocol's inventories "
            f"({protocol.id}: {inventories}), each counted once; by host country.",
            _by_host(study, protocol),
        ),
        Metric(
            "host_countries",
            "Host countries",
            len({o.host_iso3 for o in orgs if o.host_iso3}),
            "Countries in which at least one of these organisations is based.",
        ),
        Metric(
            "origin_countries",
            "Countries of origin",
            len(origins),
            "Distinct countries the organisations' members come from (an organisation of "
            "several origins counts for each).",
        ),
        Metric(
            "origin_lmics",
            f"Countries of origin that are LMICs in FY{fy}",
            len(origins & lmics),
            f"Countries of origin on the World Bank's FY{fy} list of low- and middle-income "
            "countries, the list the protocol names.",
        ),
        Metric(
            "lmics",
            f"LMICs in FY{fy}",
            len(lmics),
            f"Countries the World Bank classed as low, lower-middle or upper-middle income "
            f"in fiscal year {fy} (the protocol's LMIC list).",
        ),
        Metric(
            "government_bodies",
            "Government diaspora bodies",
            len(government),
            "Bodies named in the paper's Table 2 that are part of a government (ministries, "
            "agencies, departments, councils, offices, …); an association listed there is "
            "not counted.",
        ),
        Metric(
            "countries_with_government_body",
            "Countries with a government diaspora body",
            len({o.country_iso3 for o in government}),
            "Countries for which Table 2 names at least one government diaspora body.",
        ),
        Metric(
            "bodies_listed",
            "Bodies named in Table 2",
            len(study.offices),
            "Every body the paper's Table 2 names, government bodies and the associations "
            "listed with them.",
        ),
    )


def headline_dict(metrics: tuple[Metric, ...]) -> dict[str, int]:
    """Key -> value (for results.json readers and cross-checks)."""
    return {m.key: m.value for m in metrics}


def headline_table(metrics: tuple[Metric, ...]) -> Table:
    """The headline numbers as a table (CSV, XLSX sheet and the report's summary)."""
    return Table(
        "headline-numbers",
        "Headline numbers and what each counts",
        ("Number", "Value", "Definition"),
        tuple((m.label, m.value, m.definition) for m in metrics),
        (
            "The same numbers, computed by the same function, are on every page of the web "
            "directory (/numbers/).",
        ),
    )
