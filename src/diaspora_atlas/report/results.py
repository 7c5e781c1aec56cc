"""results.json: the study's machine-readable results, every number computed from the store."""

from __future__ import annotations

from collections import Counter
from typing import Any

from diaspora_atlas.protocol import Protocol
from diaspora_atlas.refdata import fiscal_years
from diaspora_atlas.report.audit import audit
from diaspora_atlas.report.claims import verdicts
from diaspora_atlas.report.coverage import coverage
from diaspora_atlas.report.headline import headline
from diaspora_atlas.report.metrics import (
    lmic_list_metrics,
    office_metrics,
    organisation_metrics,
    origin_metrics,
)
from diaspora_atlas.report.scope import not_computed
from diaspora_atlas.report.search_summary import search_results
from diaspora_atlas.report.study import StudyView
from diaspora_atlas.report.synthesis import synthesis_results
from diaspora_atlas.store.websites import since_2019


def build_results(
    study: StudyView, protocol: Protocol, inference_agreement: dict[str, Any]
) -> dict[str, Any]:
    """The results of ``study`` (the protocol's inventories) under ``protocol``. With no
    organisations, only the protocol and what cannot be computed (never another study's
    numbers)."""
    current_fy = fiscal_years()[-1]
    lmic: dict[str, Any] = {
        "fiscal_year": protocol.lmic.fiscal_year,
        "income_groups": list(protocol.lmic.income_groups),
        "countries": len(protocol.lmic_iso3s()),
        "current_fiscal_year": current_fy,
    }
    base = {
        "study": protocol.id,
        "protocol": protocol.summary(),
        "not_computed": not_computed(study, protocol),
    }
    if not study.organisations:
        return {**base, "lmic_list": lmic}
    if study.listings:  # the audit: which World Bank list the paper's Table 2 matches
        lmic.update(lmic_list_metrics(study))
    claim_verdicts = verdicts(study)
    findings = audit(study, claim_verdicts, protocol, current_fy)
    return {
        **base,
        "headline": [m.as_dict() for m in headline(study, protocol)],
        "organisations": organisation_metrics(study),
        "origin_countries": origin_metrics(study),
        "offices": office_metrics(study),
        "lmic_list": lmic,
        "claims": [v.as_dict() for v in claim_verdicts],
        "inference_agreement": inference_agreement,
        "coverage": coverage(study),
        "since_2019": since_2019(protocol.inventory_datasets),
        "audit_summary": dict(sorted(Counter(f.code for f in findings).items())),
        "audit": [f.as_dict() for f in findings],
        **synthesis_results(study, protocol),
        "search": search_results(len(protocol.lmic_iso3s())),
    }
