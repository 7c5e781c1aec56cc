"""The method and citation pages' text, as data (so their JSON twins carry it too)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from diaspora_atlas.protocol import COMBINATIONS, Protocol
from diaspora_atlas.web.downloads import out_dir
from diaspora_atlas.web.scope import site_protocol

PAPER = {
    "authors": "Frehywot S, Park C, Infanzon A",
    "title": "Medical diaspora: an underused entity in low- and middle-income countries' "
    "health system development",
    "journal": "Human Resources for Health",
    "volume": "17",
    "article": "56",
    "year": 2019,
    "doi": "10.1186/s12960-019-0393-1",
    "url": "https://doi.org/10.1186/s12960-019-0393-1",
    "licence": "CC BY 4.0",
}
PAPER_CITATION = (
    "Frehywot S, Park C, Infanzon A. Medical diaspora: an underused entity in low- and "
    "middle-income countries' health system development. Hum Resour Health. 2019;17:56. "
    "doi:10.1186/s12960-019-0393-1"
)

STEPS: list[dict[str, str]] = [
    {
        "step": "Host countries",
        "paper": "The paper chose four destination countries of LMIC physicians: the USA, the "
        "UK, Canada and Australia.",
        "atlas": "The hosts, each with its rationale, are data in the study protocol "
        "(protocols/<name>.yml, shown below); a protocol with other hosts, languages, "
        "criteria or LMIC year is another file.",
    },
    {
        "step": "LMIC list",
        "paper": "The World Bank's list of low- and middle-income countries.",
        "atlas": "World Bank income groups for every fiscal year since FY1989 are bundled; "
        "the protocol names its fiscal year and income groups and the list is computed; "
        "the audit finds the fiscal year whose list best matches the paper's Table 2.",
    },
    {
        "step": "Searches",
        "paper": "PubMed, Scopus, Google, Google Scholar and LexisNexis, for each LMIC with "
        "terms such as 'medical diaspora organization', giving 130 candidates.",
        "atlas": "The 2019 inventory is imported as release 0; every later search result is "
        "stored as a dated statement with its source.",
    },
    {
        "step": "Inclusion criteria",
        "paper": "Criteria with one documented exception left 89 organisations: 60 in the "
        "USA, 24 in the UK, 3 in Australia and 2 in Canada (Table 1, Figures 1–3).",
        "atlas": "Each organisation's host and origin are inferred from its name and web "
        "address and compared with the paper's; differences are listed in the audit.",
    },
    {
        "step": "Synthesis of roles",
        "paper": "Each organisation's roles and focus from its website and articles.",
        "atlas": "Roles, mission, founding year, legal form and headquarters come from cited "
        "web pages (2026); where nothing was found, a dated 'looked for, not found' is kept.",
    },
    {
        "step": "Government offices",
        "paper": "Each LMIC government's diaspora office, its website and year (Table 2).",
        "atlas": "Table 2's cells are split into bodies, typed (ministry, agency, …) by "
        "documented rules, and given dated events (established, renamed, …).",
    },
]
PRINCIPLES: list[str] = [
    "Every fact is a statement with its source, the date it was retrieved and, where it was "
    "inferred, the evidence; nothing is overwritten.",
    "Conflicting values (two founding years) are kept side by side; one may be preferred, "
    "with the reason.",
    "Every number the paper reports is recomputed from the store and given a verdict: "
    "reproduced, not reproduced or not reproducible.",
    "'Last verified' (someone checked the record) is kept apart from 'last modified'; no "
    "record has been verified yet.",
]


def protocol_data(protocol: Protocol) -> dict[str, Any]:
    """What the method page shows of the study protocol: hosts and why, the LMIC rule, the
    search, the criteria and the exceptions."""
    return {
        "id": protocol.id,
        "title": protocol.title,
        "citation": protocol.citation,
        "url": protocol.url,
        "hosts": [
            {
                "iso3": h.iso3,
                "name": h.name,
                "languages": list(h.languages),
                "rationale": [vars(r) for r in h.rationale],
            }
            for h in protocol.hosts
        ],
        "lmic": {
            "fiscal_year": protocol.lmic.fiscal_year,
            "income_groups": list(protocol.lmic.income_groups),
            "countries": len(protocol.lmic_iso3s()),
        },
        "search": {
            "terms": {g.language: list(g.words) for g in protocol.search.terms},
            "combine": COMBINATIONS[protocol.search.combine],
            "engines": [e.name for e in protocol.search.engines],
        },
        "criteria": [
            {"code": c.code, "kind": c.kind, "wording": c.wording, "decided_by": c.decided_by}
            for c in protocol.criteria
        ],
        "exceptions": [
            {"code": x.code, "criterion": x.criterion, "wording": x.wording}
            for x in protocol.exceptions
        ],
        "dual_review": protocol.screening.dual_review,
    }


def method_data() -> dict[str, Any]:
    return {
        "paper": PAPER,
        "steps": STEPS,
        "principles": PRINCIPLES,
        "protocol": protocol_data(site_protocol()),
    }


def citation_data() -> dict[str, Any]:
    cff_path = out_dir() / "CITATION.cff"
    try:
        cff = cff_path.read_text(encoding="utf-8")
    except OSError:
        cff = ""
    year = datetime.now(UTC).year
    atlas = (
        f"Medical Diaspora Atlas contributors. Medical Diaspora Atlas: inventory of LMIC "
        f"medical diaspora organisations and government diaspora offices ({year}). "
        "Data: CC BY 4.0."
    )
    bibtex = (
        "@article{frehywot2019medical,\n"
        "  author  = {Frehywot, Seble and Park, Chulwoo and Infanzon, Alexandra},\n"
        f"  title   = {{{PAPER['title']}}},\n"
        "  journal = {Human Resources for Health},\n"
        "  volume  = {17},\n  pages   = {56},\n  year    = {2019},\n"
        "  doi     = {10.1186/s12960-019-0393-1}\n}"
    )
    return {
        "atlas": atlas,
        "paper": PAPER,
        "paper_citation": PAPER_CITATION,
        "bibtex": bibtex,
        "citation_cff": cff,
        "licences": [
            {"what": "The paper's tables", "licence": "CC BY 4.0 (Frehywot, Park & Infanzon 2019)"},
            {"what": "World Bank income classifications", "licence": "CC BY 4.0"},
            {"what": "GeoNames gazetteer", "licence": "CC BY 4.0"},
            {"what": "Boundaries", "licence": "Natural Earth (public domain), us-atlas (ISC)"},
            {"what": "The Atlas's data", "licence": "CC BY 4.0"},
            {"what": "The Atlas's code", "licence": "MIT"},
        ],
    }
