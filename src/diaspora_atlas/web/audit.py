"""The reproduction audit and the study's numbers, read from the build's results.json.

The build writes ``results.json`` (claims with verdicts, audit findings with evidence) into
the output folder; the site reads that file, re-reading it when it changes. When it is
missing (a store built without outputs) the results are computed from the store instead.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from diaspora_atlas.settings import load_settings
from diaspora_atlas.web import labels
from diaspora_atlas.web.cache import memo
from diaspora_atlas.web.scope import site_protocol

_lock = threading.Lock()
_loaded: dict[str, tuple[float, dict[str, Any]]] = {}


def results_path() -> Path:
    return load_settings().out_dir / "results.json"


def results() -> dict[str, Any]:
    path = results_path()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return memo("computed-results", _compute)
    with _lock:
        found = _loaded.get(str(path))
        if found and found[0] == mtime:
            return found[1]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return memo("computed-results", _compute)
    if data.get("study") != site_protocol().id:  # built under another protocol
        return memo("computed-results", _compute)
    with _lock:
        _loaded[str(path)] = (mtime, data)
    return data  # type: ignore[no-any-return]


def _compute() -> dict[str, Any]:
    from diaspora_atlas.report.results import build_results
    from diaspora_atlas.report.study import load_study

    protocol = site_protocol()
    study = load_study(protocol.inventory_datasets)
    computed = build_results(study, protocol, {"counts": {}, "differences": []})
    computed["computed_by_the_site"] = True
    return computed


def audit_data() -> dict[str, Any]:
    found = results()
    claims = found.get("claims", [])
    verdicts: dict[str, int] = {}
    for claim in claims:
        verdicts[claim["verdict"]] = verdicts.get(claim["verdict"], 0) + 1
    findings = found.get("audit", [])
    severities: dict[str, int] = {}
    for finding in findings:
        severities[finding["severity"]] = severities.get(finding["severity"], 0) + 1
    return {
        "study": found.get("study", ""),
        "verdicts": verdicts,
        "claims": claims,
        "audit_summary": found.get("audit_summary", {}),
        "severities": severities,
        "findings": [_named(f) for f in findings],
        "lmic_list": {
            k: v for k, v in found.get("lmic_list", {}).items() if k not in ("all", "runners_up")
        },
        "coverage": {
            field: {k: v for k, v in entry.items() if k != "without_value"}
            for field, entry in found.get("coverage", {}).get("fields", {}).items()
        },
        "conflicts": found.get("coverage", {}).get("conflicts", []),
        "discussion_claims": found.get("discussion_claims", []),
        "discussion_summary": found.get("discussion_summary", {}),
        "workforce_licence": found.get("gaps", {}).get("licence", ""),
        "source": "results.json of the build"
        if not found.get("computed_by_the_site")
        else "computed from the store",
    }


def _named(finding: dict[str, Any]) -> dict[str, Any]:
    """A finding with the names of the countries and organisations it is about, and its
    kind and severity in words."""
    from diaspora_atlas.web.facts import country_names
    from diaspora_atlas.web.find.service import index

    names = country_names()
    orgs = {d.id: str(d.summary["name"]) for d in index().docs}
    return {
        **finding,
        "kind": labels.label("finding", finding["code"]),
        "severity_label": labels.label("severity", finding["severity"]),
        "countries_named": [
            {"iso3": c, "name": names.get(c, c)} for c in finding.get("countries", [])
        ],
        "organisations_named": [
            {"id": o, "name": orgs.get(o, o)} for o in finding.get("organisations", [])
        ],
    }
