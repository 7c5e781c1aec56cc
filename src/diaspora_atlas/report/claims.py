"""A verdict, with its reason, for each numeric claim the paper makes."""

from __future__ import annotations

from collections import Counter
from typing import Any

from diaspora_atlas.refdata import country, find_country
from diaspora_atlas.report.metrics import office_metrics, organisation_metrics, origin_metrics
from diaspora_atlas.report.study import StudyView
from diaspora_atlas.report.verdicts import (
    NOT_REPRODUCED,
    NOT_REPRODUCIBLE,
    REPRODUCED,
    Verdict,
    show,
)

__all__ = [
    "NOT_REPRODUCED",
    "NOT_REPRODUCIBLE",
    "REPRODUCED",
    "Verdict",
    "paper_list_codes",
    "show",
    "verdicts",
]


def _equal(claim: dict[str, Any], computed: Any, what: str) -> Verdict:
    if computed == claim["value"]:
        return Verdict(
            claim,
            computed,
            REPRODUCED,
            f"the store gives {show(computed)} {what}, as the paper says",
        )
    return Verdict(
        claim,
        computed,
        NOT_REPRODUCED,
        f"the store gives {show(computed)} {what}; the paper says {show(claim['value'])}",
    )


def paper_list_codes(names: list[str]) -> list[tuple[str, str]]:
    """(name, ISO3 or '') for each country name in one of the paper's Results lists."""
    out = []
    for name in names:
        found = find_country(name)
        out.append((name, found.iso3 if found else ""))
    return out


def verdicts(study: StudyView) -> list[Verdict]:
    orgs, origins, offices = (
        organisation_metrics(study),
        origin_metrics(study),
        office_metrics(study),
    )
    lists = [c for c in study.claims if c["metric"] == "origin_countries.list"]
    listed = [pair for c in lists for pair in paper_list_codes(c["value"])]
    out: list[Verdict] = []
    for claim in study.claims:
        metric = claim["metric"]
        if metric == "organisations.total":
            out.append(_equal(claim, orgs["total"], "organisations"))
        elif metric == "organisations.by_host":
            by_host = {k: v for k, v in orgs["by_host"].items() if k in claim["value"]}
            out.append(_equal(claim, by_host, "organisations by host"))
        elif metric == "organisations.without_website":
            out.append(
                _equal(
                    claim,
                    orgs["without_website"],
                    "organisations with no website (starred in Table 1)",
                )
            )
        elif metric == "candidates.total":
            out.append(
                Verdict(
                    claim,
                    None,
                    NOT_REPRODUCIBLE,
                    "the paper does not publish its 130 candidates or the reasons "
                    "for excluding 41 of them, so this number cannot be recomputed",
                )
            )
        elif metric == "origin_countries.total":
            out.append(_origin_total(claim, origins, listed))
        elif metric == "origin_countries.by_continent":
            out.append(_by_continent(claim, lists, origins))
        elif metric == "origin_countries.list":
            out.append(_origin_list(claim, set(origins["iso3"]), listed))
        elif metric == "offices.countries_with_office_entry":
            out.append(_offices(claim, offices))
        elif metric == "offices.rows_with_office_text":
            out.append(_office_rows(claim, offices))
        elif metric == "offices.african_countries_with_office_entry":
            n = offices["african_countries_with_office_entry"]
            ok = n > int(claim["value"]["more_than"])
            out.append(
                Verdict(
                    claim,
                    n,
                    REPRODUCED if ok else NOT_REPRODUCED,
                    f"Table 2 names a body for {n} African countries (UN M49 Africa); "
                    f"the paper cites an outside source [41] for 'more than 30'",
                )
            )
        elif metric == "organisations.facebook_only_named":
            out.append(_facebook(claim, study))
    return out


def _origin_total(
    claim: dict[str, Any], origins: dict[str, Any], listed: list[tuple[str, str]]
) -> Verdict:
    computed = origins["total"]
    if computed == claim["value"]:
        return _equal(claim, computed, "distinct origin countries")
    codes = Counter(code for _, code in listed if code)
    doubles = [
        f"{'/'.join(n for n, c in listed if c == code)} ({code})"
        for code, k in codes.items()
        if k > 1
    ]
    orphans = [f"{n} ({c})" for n, c in listed if c and c not in origins["iso3"]]
    return Verdict(
        claim,
        computed,
        NOT_REPRODUCED,
        f"Table 1's organisations come from {computed} distinct countries. The paper's "
        f"lists name {len(listed)} entries: "
        + (f"{', '.join(doubles)} counted twice under two names; " if doubles else "")
        + (
            f"{', '.join(orphans)} named though no organisation in Table 1 comes from it; "
            if orphans
            else ""
        )
        + f"{len(set(codes))} distinct countries in the lists",
    )


def _by_continent(
    claim: dict[str, Any], lists: list[dict[str, Any]], origins: dict[str, Any]
) -> Verdict:
    paper_lengths = {c["continent"]: len(c["value"]) for c in lists}
    computed = origins["by_continent"]
    same_lengths = paper_lengths == claim["value"]
    return Verdict(
        claim,
        computed,
        NOT_REPRODUCED if computed != _renamed(claim["value"]) else REPRODUCED,
        f"the paper's counts {'match' if same_lengths else 'do not match'} the lengths of "
        f"its own lists ({show(paper_lengths)}); counting Table 1's distinct origin countries by "
        f"UN M49 region gives {show(computed)}",
    )


def _renamed(paper_counts: dict[str, int]) -> dict[str, int]:
    return {("Americas" if k == "America" else k): v for k, v in paper_counts.items()}


def _origin_list(
    claim: dict[str, Any], origin_codes: set[str], listed: list[tuple[str, str]]
) -> Verdict:
    names = paper_list_codes(claim["value"])
    problems = []
    seen: dict[str, str] = {}
    for name, code in names:
        if not code:
            problems.append(f"'{name}' is not a known country name")
        elif code in seen:
            problems.append(f"'{name}' and '{seen[code]}' are the same country ({code})")
        elif code not in origin_codes:
            problems.append(f"no organisation in Table 1 comes from '{name}' ({code})")
        else:
            region = country(code).un_region
            paper_region = "Americas" if claim["continent"] == "America" else claim["continent"]
            if region != paper_region:
                problems.append(
                    f"'{name}' is in {region} by UN M49, listed under {claim['continent']}"
                )
        seen.setdefault(code, name)
    computed = sorted({c for _, c in names if c})
    if problems:
        return Verdict(claim, computed, NOT_REPRODUCED, "; ".join(problems))
    return Verdict(
        claim,
        computed,
        REPRODUCED,
        f"every country listed under {claim['continent']} is the origin of at least one organisation",
    )


def _offices(claim: dict[str, Any], offices: dict[str, Any]) -> Verdict:
    n = offices["countries_with_office_entry"]
    verdict = REPRODUCED if n == claim["value"] else NOT_REPRODUCED
    return Verdict(
        claim,
        n,
        verdict,
        f"{n} countries have a named body in Table 2"
        + ("" if verdict == REPRODUCED else f", not {claim['value']}")
        + f"; {offices['countries_with_government_body']} of them name a government "
        f"body; the table's 'Total: {offices['rows_with_office_text']}' also counts "
        f"rows whose office cell says there is no office",
    )


def _office_rows(claim: dict[str, Any], offices: dict[str, Any]) -> Verdict:
    n = offices["rows_with_office_text"]
    verdict = REPRODUCED if n == claim["value"] else NOT_REPRODUCED
    return Verdict(
        claim,
        n,
        verdict,
        f"Table 2 has {offices['rows']} country rows ({offices['countries_listed']} "
        f"countries); by office cell: {show(offices['rows_by_office_status'])}; {n} rows "
        f"have text in the office cell (named bodies plus 'no office' entries)",
    )


def _facebook(claim: dict[str, Any], study: StudyView) -> Verdict:
    by_row = {o.paper_row: o for o in study.organisations}
    wrong = [
        f"row {r} ({by_row[r].name}) has {by_row[r].online_presence}"
        for r in claim["value"]
        if r in by_row and by_row[r].online_presence != "facebook_only"
    ]
    rows = sorted(
        o.paper_row or 0 for o in study.organisations if o.online_presence == "facebook_only"
    )
    if wrong:
        return Verdict(claim, rows, NOT_REPRODUCED, "; ".join(wrong))
    return Verdict(
        claim,
        rows,
        REPRODUCED,
        f"the four organisations named have only a Facebook page in Table 1; "
        f"Table 1 has {len(rows)} Facebook-only organisations in all (rows {rows})",
    )
