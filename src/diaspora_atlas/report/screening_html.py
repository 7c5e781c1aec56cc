"""The report's screening sections and files: per screened run the PRISMA 2020 diagram (SVG
and PNG), the PRISMA-S checklist and the reviewers' agreement; the inventory against each
criterion (a table, with ``screening/inventory-criteria.json``); the organisations added."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from diaspora_atlas.report.maps import to_png
from diaspora_atlas.report.prisma_s import checklist_json
from diaspora_atlas.report.prisma_svg import prisma_svg
from diaspora_atlas.report.screening import RunScreening, ScreeningReport

OUTCOME_MARK = {"met": "✓", "not_met": "✗", "cannot_tell": "?"}


def _esc(value: object) -> str:
    return html.escape("" if value is None else str(value))


def diagram_title(run: str) -> str:
    return f"PRISMA 2020 flow diagram: search run {run}"


def screening_svgs(report: ScreeningReport) -> dict[str, str]:
    """Run -> its PRISMA diagram (SVG)."""
    return {r.run: prisma_svg(r.prisma, diagram_title(r.run)) for r in report.runs}


def write_screening_files(report: ScreeningReport, out: Path) -> dict[str, str]:
    """Files under ``out`` (the build folder): per run its diagram (SVG, PNG) and JSON, and
    the inventory against the criteria; returns run -> the diagram's SVG."""
    svgs = screening_svgs(report)
    folder = out / "screening"
    folder.mkdir(parents=True, exist_ok=True)
    for r in report.runs:
        svg = svgs[r.run]
        (folder / f"prisma-{r.run}.svg").write_text(svg, encoding="utf-8")
        to_png(svg, folder / f"prisma-{r.run}.png")
        (folder / f"{r.run}.json").write_text(
            json.dumps(run_json(r), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    if report.inventory:
        (folder / "inventory-criteria.json").write_text(
            json.dumps(report.inventory, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return svgs


def run_json(r: RunScreening) -> dict[str, Any]:
    return {
        "run": r.run,
        "prisma": r.prisma.as_json(),
        "prisma_s": checklist_json(r.checklist),
        "agreement": r.agreement,
    }


def _kappa(value: object) -> str:
    return f"{value:.2f}" if isinstance(value, float) else "not measurable"


def _agreement(a: dict[str, Any] | None) -> str:
    if not a:
        return "<p>Single review, or fewer than two reviewers so far: no agreement to measure.</p>"
    rows = "".join(
        f"<tr><th scope='row'>{_esc(code)}</th><td class='num'>{_kappa(k)}</td></tr>"
        for code, k in a["kappa_per_criterion"].items()
    )
    return (
        f"<p>Reviewers {_esc(' and '.join(a['reviewers']))} both decided {a['organisations']} "
        f"organisations and agreed on {a['agreed']}: Cohen's kappa {_kappa(a['kappa'])} "
        f"(include or exclude: {_kappa(a['kappa_include_exclude'])}).</p>"
        "<table><caption>Kappa per criterion (excluded for it, or not)</caption><tbody>"
        f"{rows}</tbody></table>"
    )


def _run_section(r: RunScreening, svg: str, for_print: bool) -> str:
    picture = (
        f"<img src='../screening/prisma-{_esc(r.run)}.png' alt='{_esc(diagram_title(r.run))}' style='width:100%'>"
        if for_print
        else svg.split("?>", 1)[-1]
    )
    items = "".join(
        f"<tr><td class='num'>{i.number}</td><td>{_esc(i.item)}</td><td>{_esc(i.answer)}</td></tr>"
        for i in r.checklist
    )
    return (
        f"<h3>Search run {_esc(r.run)}</h3><figure class='map'>{picture}<figcaption>"
        f"{_esc(diagram_title(r.run))}, counted from the store.</figcaption></figure>"
        f"{_agreement(r.agreement)}<div class='scroll'><table><caption>PRISMA-S checklist, from "
        "the search log</caption><thead><tr><th scope='col'>#</th><th scope='col'>Item</th>"
        f"<th scope='col'>What the log says</th></tr></thead><tbody>{items}</tbody></table></div>"
    )


def _inventory_table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return ""
    codes = list(rows[0]["criteria"])
    head = "".join(f"<th scope='col'>{_esc(c)}</th>" for c in codes)
    body = "".join(
        f"<tr><th scope='row'>{_esc(r['name'])}</th>"
        + "".join(
            f"<td title='{_esc(r['criteria'][c]['explanation'])}'>{OUTCOME_MARK[r['criteria'][c]['outcome']]}"
            + (
                f" ({_esc(r['criteria'][c]['exception']['code'])})"
                if r["criteria"][c].get("exception")
                else ""
            )
            + "</td>"
            for c in codes
        )
        + f"<td>{_esc(r['decision'])}</td></tr>"
        for r in rows
    )
    totals = "".join(
        f"<td>{sum(r['criteria'][c]['outcome'] == 'met' for r in rows)} met</td>" for c in codes
    )
    narrow = f"<col style='width:{72 / (len(codes) + 1):.1f}%'>"  # the name gets 28%
    return (
        "<div class='scroll'><table><caption>The inventory's organisations against each criterion, "
        "by rule (✓ met, ✗ not met, ? cannot tell; X1: the exception applied; hover for the "
        "evidence, all of it in screening/inventory-criteria.json)</caption>"
        f"<colgroup><col style='width:28%'>{narrow * (len(codes) + 1)}</colgroup>"
        f"<thead><tr><th scope='col'>Organisation</th>{head}<th scope='col'>Rule</th></tr></thead><tbody>"
        f"{body}<tr><th scope='row'>Total</th>{totals}<td></td></tr></tbody></table></div>"
    )


def _added(added: dict[str, Any]) -> str:
    if not added.get("total"):
        return ""
    hosts = ", ".join(f"{k} {v}" for k, v in added["by_host"].items())
    engines = ", ".join(f"{k} {v}" for k, v in added["by_engine"].items()) or "the search run"
    names = "".join(f"<li>{_esc(n)}</li>" for n in added["names"])
    return (
        f"<h3>Added by the update</h3><p>{added['total']} organisations not in the 2019 list were "
        f"added (by host: {_esc(hosts)}; found by: {_esc(engines)}):</p><ul>{names}</ul>"
    )


def screening_sections(
    report: ScreeningReport, svgs: dict[str, str], for_print: bool
) -> list[tuple[str, str, str]]:
    if report.empty:
        return []
    parts = [_run_section(r, svgs.get(r.run, ""), for_print) for r in report.runs]
    parts.append(_added(report.added))
    parts.append("<h3>The inventory against the criteria</h3>" + _inventory_table(report.inventory))
    return [("screening", "Search and screening (PRISMA 2020)", "".join(parts))]
