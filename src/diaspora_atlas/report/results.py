"""results.json: the study's machine-readable results, every number computed from the store."""

from __future__ import annotations

from collections import Counter
from typing import Any

from diaspora_atlas.refdata import fiscal_years
from diaspora_atlas.report.audit import audit
from diaspora_atlas.report.claims import verdicts
from diaspora_atlas.report.coverage import coverage
from diaspora_atlas.report.metrics import (
    lmic_list_metrics,
    office_metrics,
    organisation_metrics,
    origin_metrics,
)
from diaspora_atlas.report.study import StudyView
from diaspora_atlas.store.websites import since_2019


def build_results(study: StudyView, inference_agreement: dict[str, Any]) -> dict[str, Any]:
    lmic = lmic_list_metrics(study)
    study_fy, current_fy = int(lmic["best_matching_fiscal_year"]), fiscal_years()[-1]
    claim_verdicts = verdicts(study)
    findings = audit(study, claim_verdicts, study_fy, current_fy)
    return {
        "study": "frehywot2019",
        "organisations": organisation_metrics(study),
        "origin_countries": origin_metrics(study),
        "offices": office_metrics(study),
        "lmic_list": {**lmic, "current_fiscal_year": current_fy},
        "claims": [v.as_dict() for v in claim_verdicts],
        "inference_agreement": inference_agreement,
        "coverage": coverage(study),
        "since_2019": since_2019(),
        "audit_summary": dict(sorted(Counter(f.code for f in findings).items())),
        "audit": [f.as_dict() for f in findings],
    }
