"""The build's results as the text the command line prints (no Django needed to import)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from diaspora_atlas.model.facts import SEARCHED_FIELDS

KEY_OUTPUTS = (
    "results.json",
    "organisations.csv",
    "offices.csv",
    "tables.xlsx",
    "datapackage.json",
    "organisations.geojson",
    "CITATION.cff",
    "report/index.html",
    "report/report.pdf",
)


def protocol_text(results: dict[str, Any]) -> list[str]:
    scope = results["protocol"]
    hosts = ", ".join(
        f"{h['name']} ({h['iso3']}, {' '.join(h['languages'])})" for h in scope["hosts"]
    )
    lmic, search = scope["lmic"], scope["search"]
    return [
        f"  Protocol {scope['id']} ({scope['file']}): {scope['title']}",
        f"  Hosts: {hosts}",
        f"  LMIC list: World Bank FY{lmic['fiscal_year']} ({', '.join(lmic['income_groups'])}): "
        f"{lmic['countries']} countries",
        f"  Search: {len(search['engines'])} engines ({', '.join(search['engines'])}), "
        f"{len(search['languages'])} language(s), {search['queries_per_engine']} queries per engine",
    ]


def not_computed_text(results: dict[str, Any]) -> str:
    lines = [
        f"    - {item['what']}: {item['reason']}" + (f" — {item['hint']}" if item["hint"] else "")
        for item in results.get("not_computed", [])
    ]
    return "\n".join(["  Not computed:", *lines]) + "\n" if lines else ""


def build_summary_text(
    database: str, out: Path, results: dict[str, Any], files: dict[str, int]
) -> str:
    head = [f"Built protocol {results['study']} into {database}.", *protocol_text(results)]
    tail = [
        f"Outputs in {out} ({len(files)} files): "
        + ", ".join(name for name in KEY_OUTPUTS if name in files)
    ]
    if "organisations" not in results:
        return "\n".join(head) + "\n" + not_computed_text(results) + "\n".join(tail) + "\n"
    return (
        "\n".join([*head, *_study_lines(results)])
        + "\n"
        + not_computed_text(results)
        + "\n".join(tail)
        + "\n"
    )


def _study_lines(results: dict[str, Any]) -> list[str]:
    from diaspora_atlas.report.claims import show  # Django is set up by now

    orgs, origins, offices = (
        results["organisations"],
        results["origin_countries"],
        results["offices"],
    )
    claims = results["claims"]
    verdict_counts: dict[str, int] = {}
    for claim in claims:
        verdict_counts[claim["verdict"]] = verdict_counts.get(claim["verdict"], 0) + 1
    severities: dict[str, int] = {}
    for finding in results["audit"]:
        severities[finding["severity"]] = severities.get(finding["severity"], 0) + 1
    marks = {"reproduced": "✓", "not_reproduced": "✗", "not_reproducible": "?"}
    agreement = results["inference_agreement"]["counts"]
    lmic = results["lmic_list"]
    return [
        f"  Organisations: {orgs['total']} ("
        + ", ".join(f"{k} {v}" for k, v in orgs["by_host"].items())
        + ")",
        f"  Origin countries: {origins['total']} ("
        + ", ".join(f"{k} {v}" for k, v in origins["by_continent"].items())
        + ", UN M49 regions)",
        f"  Table 2: {offices['rows']} country rows, {offices['countries_with_office_entry']} countries "
        f"with a named body, {offices['bodies']} bodies",
        *(
            [
                f"  World Bank LMIC list best matching Table 2: FY{lmic['best_matching_fiscal_year']}"
                f" (Jaccard {lmic['best']['jaccard']})"
            ]
            if "best_matching_fiscal_year" in lmic
            else []
        ),
        "  The paper's numbers: "
        + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in sorted(verdict_counts.items())),
        *(f"    {marks.get(c['verdict'], '?')} {c['id']}: {c['explanation']}" for c in claims),
        f"  Audit: {len(results['audit'])} findings ("
        + ", ".join(f"{v} {k}" for k, v in sorted(severities.items()))
        + ")",
        f"  Coverage of sourced facts (organisations with a value / {orgs['total']}): "
        + ", ".join(
            f"{field} {entry['with_value']}"
            for field, entry in results["coverage"]["fields"].items()
            if field in SEARCHED_FIELDS
        )
        + f"; headquarters precision {show(results['coverage']['hq_precision'])}"
        + " (lists: diaspora-atlas coverage)",
        "  Curated host/origin vs name inference: "
        + ", ".join(f"{k} {v}" for k, v in agreement.items()),
    ]
