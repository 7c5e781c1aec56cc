"""The report's step-5 sections, from results.json: focuses, the Discussion's claims tested,
the gap analysis with its map, completeness, and country profiles (report.profiles)."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from diaspora_atlas.refdata import country
from diaspora_atlas.report.profiles import country_profile
from diaspora_atlas.report.synthesis_tables import completeness_table, largest_gaps_table
from diaspora_atlas.report.verdicts import show
from diaspora_atlas.report.writers import table_html

Results = Mapping[str, Any]


def _esc(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _row(cells: list[str], head: bool = False) -> str:
    tag = "th" if head else "td"
    scope = " scope='col'" if head else ""
    return "<tr>" + "".join(f"<{tag}{scope}>{c}</{tag}>" for c in cells) + "</tr>"


def _table(caption: str, head: list[str], rows: list[list[str]]) -> str:
    body = "".join(_row(r) for r in rows)
    return (
        f"<div class='scroll'><table><caption>{_esc(caption)}</caption><thead>"
        f"{_row([_esc(h) for h in head], True)}</thead><tbody>{body}</tbody></table></div>"
    )


def focuses_section(results: Results) -> str:
    focuses = results["focuses"]
    total = focuses["total"]
    rows = [[_esc(k.replace("_", " ")), _esc(v)] for k, v in total.items()]
    methods = ", ".join(f"{k} {v}" for k, v in focuses["by_method"].items())
    return (
        _table("Focuses of the organisations (one organisation may hold several)",
               ["", "Organisations"], rows)
        + f"<p class='note'>{_esc(focuses['note'])} Labels by method: {_esc(methods)}.</p>"
    )  # fmt: skip


def discussion_section(results: Results) -> str:
    """The claims as a table; the organisations a claim rests on in a full-width row under it
    (in a narrow column, a list of 60 names made pages of one cell)."""
    rows = []
    for c in results["discussion_claims"]:
        names = ", ".join(c["names"].values())
        cells = [
            f"<blockquote>{_esc(c['quote'])}</blockquote><span class='note'>{_esc(c['location'])}"
            f"</span><p class='note'>Read as: {_esc(c['reading'])}</p>",
            f"<span class='verdict-{_esc(c['verdict'])}'>{_esc(c['verdict'].replace('_', ' '))}</span>",
            _esc(show(c["counts"])),
            _esc(c["explanation"]),
        ]  # fmt: skip
        rows.append(_row(cells))
        if names:
            rests = f"Rests on {len(c['names'])} organisation{'s' if len(c['names']) != 1 else ''}"
            rows.append(
                f"<tr class='rests-on'><td colspan='4'><p class='note'>{rests}: {_esc(names)}"
                "</p></td></tr>"
            )
    summary = ", ".join(
        f"{k.replace('_', ' ')} {v}" for k, v in results["discussion_summary"].items()
    )
    head = _row([_esc(h) for h in ["Claim", "Verdict", "Counts", "Why"]], True)
    return (
        "<p>Each claim of the paper's Results and Discussion about focuses and countries without "
        "organisations, tested on the focus labels in the store (curators' judgements applied). "
        f"Verdicts: {_esc(summary)}.</p>"
        "<div class='scroll'><table class='discussion'><caption>The Discussion's claims, tested"
        f"</caption><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></div>"
        + f"<p class='note'>Doctors per 10,000 people: {_esc(results['gaps']['licence'])}</p>"
    )


def gaps_section(results: Results, gap_map: str) -> str:
    gaps = results["gaps"]
    statuses = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in gaps["cells_by_status"].items())
    notes = "".join(
        f"<li>{_esc(country(h).name)}: {_esc(n)}</li>" for h, n in gaps["host_figures"].items()
    )
    return (
        f"<p>Every LMIC of FY{gaps['fiscal_year']} ({gaps['lmics']}) in every host: "
        f"{gaps['lmics_with_organisations']} have an organisation. Cells: {_esc(statuses)}. "
        f"{_esc(gaps['search_note'])}</p><p>Where figures are missing:</p><ul>{notes}</ul>"
        f"{gap_map}{table_html(largest_gaps_table(gaps))}"
        f"<p class='note'><strong>{_esc(gaps['licence'])}</strong></p>"
    )


def completeness_section(results: Results) -> str:
    completeness = results["completeness"]
    assumptions = "".join(f"<li>{_esc(a)}</li>" for a in completeness["assumptions"])
    return (
        f"<p>{_esc(completeness['note'])}</p>{table_html(completeness_table(completeness))}"
        f"<h3>Assumptions</h3><ul>{assumptions}</ul>"
    )


def _profile_row(p: Mapping[str, Any]) -> list[str]:
    mix = p["focus_mix"] or {}
    focus = ", ".join(
        f"{k.replace('_', ' ')} {v}" for k, v in mix.items() if v and k != "organisations"
    )
    density = p["doctors_per10000"]
    per10k = (
        f"{density['value']} ({density['year']})"
        if density["value"] is not None
        else density["reason"]
    )
    stocks = "; ".join(
        f"{h['host_iso3']} {h['foreign_trained']['value']:,}"
        if h["foreign_trained"]["value"] is not None
        else f"{h['host_iso3']} —"
        for h in p["hosts"]
    )
    return [_esc(p["name"]), _esc(mix.get("organisations", 0)), _esc(focus or "—"),
            _esc(per10k), _esc(stocks), _esc(p["gap"]["verdict"])]  # fmt: skip


def profiles_section(results: Results) -> str:
    origins = list(results["focuses"]["by_origin"])
    top = [g["origin_iso3"] for g in results["gaps"]["largest"][:10]]
    shown = [p for p in (country_profile(results, c) for c in dict.fromkeys(origins + top)) if p]
    rows = [_profile_row(p) for p in sorted(shown, key=lambda p: p["name"])]
    return (
        "<p>Each country of origin of the inventory and the ten largest gaps: the focus mix of "
        "its organisations, its doctors per 10,000 people (WHO, latest year), the doctors "
        "trained there working in each host (OECD, 2018; — where the host reports no figure) "
        "and the gap verdict. The web directory's country pages show the same profile.</p>"
        + _table("Country profiles", ["Country", "Organisations", "Focus mix",
                 "Doctors per 10,000 (WHO)", "Foreign-trained doctors (OECD)", "Gap verdict"], rows)
        + f"<p class='note'><strong>{_esc(results['gaps']['licence'])}</strong></p>"
    )  # fmt: skip


def synthesis_sections(results: Results, gap_map: str) -> list[tuple[str, str, str]]:
    """(anchor, title, HTML) of each section, or none when the results lack step 5."""
    if "gaps" not in results:
        return []
    return [
        ("focuses", "Focuses of the organisations (step 5)", focuses_section(results)),
        ("discussion", "The Discussion's claims tested", discussion_section(results)),
        ("gaps", "Gap analysis: large medical diasporas with no organisation found",
         gaps_section(results, gap_map)),
        ("completeness", "How complete is the inventory?", completeness_section(results)),
        ("profiles", "Country profiles", profiles_section(results)),
    ]  # fmt: skip
