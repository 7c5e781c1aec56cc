"""Step 5 and its questions in results.json: focuses, the Discussion's claims tested, the gap
analysis and the completeness estimates, all computed from the store under the protocol."""

from __future__ import annotations

from typing import Any

from diaspora_atlas.protocol import Protocol
from diaspora_atlas.report.focus_results import discussion_results, focus_records, focus_results
from diaspora_atlas.report.gap_results import completeness_results, gap_results, gap_rows
from diaspora_atlas.report.searches import search_runs
from diaspora_atlas.report.study import StudyView
from diaspora_atlas.report.verdicts import NOT_REPRODUCED, NOT_REPRODUCIBLE, REPRODUCED


def synthesis_results(study: StudyView, protocol: Protocol) -> dict[str, Any]:
    records = focus_records(study)
    runs = search_runs(protocol.host_iso3s)
    claims = discussion_results(study, protocol, records)
    return {
        "focuses": focus_results(study, records),
        "discussion_claims": claims,
        "discussion_summary": {
            v: sum(1 for c in claims if c["verdict"] == v)
            for v in (REPRODUCED, NOT_REPRODUCED, NOT_REPRODUCIBLE)
        },
        "gaps": gap_results(gap_rows(study, protocol, runs), protocol, runs),
        "completeness": completeness_results(study, protocol, runs),
    }
