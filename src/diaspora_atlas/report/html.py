"""The self-contained HTML report (opens from disk, no network): text, audit, maps, tables."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from diaspora_atlas.model.labels import label
from diaspora_atlas.refdata import countries
from diaspora_atlas.report.html_synthesis import synthesis_sections
from diaspora_atlas.report.maps import RenderedMap
from diaspora_atlas.report.maps.gaps import KEY as GAPS_KEY
from diaspora_atlas.report.opendata import PAPER_CITATION
from diaspora_atlas.report.tables import Table
from diaspora_atlas.report.verdicts import show
from diaspora_atlas.report.websites import since_2019_section
from diaspora_atlas.report.writers import table_html

CSS = """
:root { --ink:#1b1f24; --muted:#4a5360; --line:#d5dae1; --accent:#0b5cad; --bg:#fff;
        --ok:#1e6b34; --bad:#a3281b; --warn:#7a5200; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: var(--ink);
       background: var(--bg); margin: 0; line-height: 1.5; font-size: 16px; }
main { max-width: 1100px; margin: 0 auto; padding: 1rem 1.25rem 4rem; }
header.top { background: #0d2b45; color: #fff; padding: 1.5rem 1.25rem; }
header.top h1 { margin: 0 auto; max-width: 1100px; font-size: 1.6rem; }
header.top p { margin: .4rem auto 0; max-width: 1100px; color: #dce6f0; }
nav.toc { margin: 1rem 0; padding: .75rem 1rem; border: 1px solid var(--line); border-radius: 6px; }
nav.toc ol { margin: 0; padding-left: 1.2rem; columns: 2; }
a { color: var(--accent); }
h2 { border-bottom: 2px solid var(--line); padding-bottom: .25rem; margin-top: 2.5rem; }
.numbers { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: .75rem; }
.numbers div { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; }
.numbers strong { display: block; font-size: 1.7rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
caption { text-align: left; font-weight: bold; padding: .4rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .45rem; text-align: left;
         vertical-align: top; }
thead th { background: #eef2f6; position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: var(--muted); font-size: .85rem; margin: .3rem 0; }
.verdict-reproduced { color: var(--ok); font-weight: bold; }
.verdict-not_reproduced { color: var(--bad); font-weight: bold; }
.verdict-not_reproducible { color: var(--warn); font-weight: bold; }
.sev { display: inline-block; min-width: 4.5rem; font-weight: bold; }
.sev-error { color: var(--bad); } .sev-warning { color: var(--warn); } .sev-info { color: var(--muted); }
details { border: 1px solid var(--line); border-radius: 6px; margin: .4rem 0; padding: .3rem .6rem; }
summary { cursor: pointer; }
figure.map { margin: 1.5rem 0; }
figure.map svg { width: 100%; height: auto; border: 1px solid var(--line); }
figcaption { color: var(--muted); font-size: .9rem; }
blockquote { border-left: 4px solid var(--line); margin: .5rem 0; padding: .2rem .8rem; color: var(--muted); }
@media print {
  @page { size: A4; margin: 14mm 12mm; @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #4a5360; } }
  header.top { background: none; color: var(--ink); padding: 0; }
  header.top p { color: var(--muted); }
  main { padding: 0; max-width: none; }
  nav.toc, .noprint { display: none; }
  body { font-size: 9.5pt; line-height: 1.35; }
  h2 { margin-top: 1.2rem; break-after: avoid; }
  h3, caption { break-after: avoid; }
  /* Tables fit the page: fixed layout, long words and addresses wrap anywhere; a table
     breaks between rows (never inside one) and repeats its header. */
  .scroll { overflow: visible; }
  table { table-layout: fixed; width: 100%; font-size: 7.5pt; }
  th, td { overflow-wrap: break-word; padding: .2rem .3rem; }
  thead { display: table-header-group; }
  thead th { position: static; }
  tr, figure.map, blockquote { break-inside: avoid; }
  figure.table { margin: 0 0 .8rem; }
  table.claims col.c-claim { width: 12%; } table.claims col.c-quote { width: 26%; }
  table.claims col.c-paper, table.claims col.c-store { width: 12%; }
  table.claims col.c-verdict { width: 11%; } table.claims col.c-why { width: 27%; }
  table.discussion th:nth-child(1) { width: 38%; } table.discussion th:nth-child(2) { width: 12%; }
  table.discussion th:nth-child(3) { width: 18%; } table.discussion th:nth-child(4) { width: 32%; }
  .numbers { display: flex; flex-wrap: wrap; gap: 0; }
  .numbers div { width: 23%; margin: 0 2% .5rem 0; padding: .3rem .5rem; }
  .numbers strong { font-size: 1.3rem; }
  details { border: 0; padding: 0; margin: .2rem 0; }
  pre { font-size: 7pt; line-height: 1.25; white-space: pre-wrap; }
  figure.map img { max-height: 125mm; width: auto !important; max-width: 100%; object-fit: contain; }
}
"""


def _esc(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _numbers(results: dict[str, Any]) -> str:
    """The headline numbers (report.headline: the same function the web pages call)."""
    items = [(m["value"], m["label"]) for m in results.get("headline", [])]
    cells = "".join(f"<div><strong>{_esc(v)}</strong>{_esc(label)}</div>" for v, label in items)
    return f'<div class="numbers">{cells}</div>'


def _country_names() -> dict[str, str]:
    return {code: c.name for code, c in countries().items()}


def _claims(results: dict[str, Any]) -> str:
    names = _country_names()
    rows = "".join(
        f"<tr><th scope='row'>{_esc(c['location'])}</th><td>{_esc(c['quote'])}</td>"
        f"<td>{_esc(show(c['paper_value'], names))}</td>"
        f"<td>{_esc(show(c['computed_value'], names))}</td>"
        f"<td class='verdict-{c['verdict']}'>{_esc(label('verdict', c['verdict']))}</td>"
        f"<td>{_esc(c['explanation'])}</td></tr>"
        for c in results["claims"]
    )
    columns = "".join(
        f"<col class='c-{k}'>" for k in ("claim", "quote", "paper", "store", "verdict", "why")
    )
    return (
        "<div class='scroll'><table class='claims'><caption>The paper's numbers, recomputed"
        f"</caption><colgroup>{columns}</colgroup><thead><tr>"
        "<th scope='col'>Where in the paper</th><th scope='col'>The paper says</th>"
        "<th scope='col'>Paper</th><th scope='col'>Recomputed</th><th scope='col'>Verdict</th>"
        f"<th scope='col'>Why</th></tr></thead><tbody>{rows}</tbody></table></div>"
    )


def _findings(results: dict[str, Any]) -> str:
    order = {"error": 0, "warning": 1, "info": 2}
    findings = sorted(
        (f for f in results["audit"] if not f["code"].startswith("claim_")),
        key=lambda f: (order[f["severity"]], f["code"]),
    )
    parts = []
    for f in findings:
        evidence = "".join(
            f"<li>{_esc(e['explanation'])}"
            + (
                f" — <a href='{_esc(e['source_url'])}'>{_esc(e['source_url'])}</a>"
                if e["source_url"]
                else ""
            )
            + (f"<blockquote>{_esc(e['excerpt'])}</blockquote>" if e["excerpt"] else "")
            + "</li>"
            for e in f["evidence"]
        )
        parts.append(
            f"<details><summary><span class='sev sev-{f['severity']}'>"
            f"{_esc(label('severity', f['severity']))}</span> "
            f"<strong>{_esc(label('finding', f['code']))}</strong> — {_esc(f['message'])}</summary>"
            f"<ul>{evidence or '<li>no external evidence: computed from the data</li>'}</ul></details>"
        )
    return "\n".join(parts)


def inline_svg(svg: str) -> str:
    """An SVG document as an element for HTML: without its XML prolog."""
    return re.sub(r"^\s*<\?xml[^>]*\?>\s*", "", svg)


def _map(m: RenderedMap, for_print: bool) -> str:
    # Print uses the PNGs: WeasyPrint lays out large inline SVGs slowly.
    if for_print:
        picture = f"<img src='maps/{_esc(m.key)}.png' alt='{_esc(m.alt)}' style='width:100%'>"
    else:
        picture = inline_svg(m.svg)
    return (
        f"<figure class='map' id='map-{_esc(m.key)}'>{picture}<figcaption>{_esc(m.title)}. {_esc(m.alt)} "
        f"<a class='noprint' href='maps/{_esc(m.key)}.svg'>SVG</a> · "
        f"<a class='noprint' href='maps/{_esc(m.key)}.png'>PNG</a></figcaption></figure>"
    )


def _maps(maps: Sequence[RenderedMap], for_print: bool) -> str:
    return "\n".join(_map(m, for_print) for m in maps)


def _coverage(results: dict[str, Any]) -> str:
    coverage = results["coverage"]
    total = coverage["organisations"]
    rows = "".join(
        f"<tr><th scope='row'>{_esc(label('property', field))}</th>"
        f"<td class='num'>{e['with_value']}</td>"
        f"<td class='num'>{e['looked_for_not_found']}</td><td class='num'>{e['not_looked_for']}</td>"
        f"<td class='num'>{round(100 * e['with_value'] / total)}%</td></tr>"
        for field, e in coverage["fields"].items()
    )
    conflicts = "".join(
        f"<li>{_esc(c['name'])}: {_esc(label('property', c['property']).lower())} "
        f"{_esc(' or '.join(c['values']))} "
        f"(preferred {_esc(c['preferred'])})</li>"
        for c in coverage["conflicts"]
    )
    return (
        f"<div class='scroll'><table><caption>Sourced facts per field ({total} organisations)"
        "</caption><thead><tr><th scope='col'>Field</th><th scope='col'>With a value</th>"
        "<th scope='col'>Looked for, not found</th><th scope='col'>Not looked for</th>"
        f"<th scope='col'>Coverage</th></tr></thead><tbody>{rows}</tbody></table></div>"
        "<p>Headquarters located to: "
        + _esc(
            ", ".join(f"{label('precision', k)} {v}" for k, v in coverage["hq_precision"].items())
        )
        + ".</p>"
        f"<h3>Conflicting values, kept side by side</h3><ul>{conflicts}</ul>"
    )


def _search(results: dict[str, Any]) -> str:
    runs = results.get("search") or []
    if not runs:
        return "<p>No search run in the store.</p>"
    parts = []
    for run in runs:
        rows = "".join(
            f"<tr><th scope='row'>{_esc(str(e['engine']).replace('_', ' '))}</th><td class='num'>{e['done']}</td>"
            f"<td class='num'>{e['failed']}</td><td class='num'>{e['records']}</td>"
            f"<td class='num'>{e['duplicates']}</td><td class='num'>{e['candidates']}</td>"
            f"<td class='num'>{e['matched']}</td></tr>"
            for e in run["engines"]
        )
        c = run["candidates"]
        parts.append(
            f"<h3>Run {_esc(run['run'])}</h3><p>{run['queries']} queries; "
            f"{run['countries_searched']} of {run['lmics_of_protocol']} LMICs searched, "
            f"{run['countries_with_hits']} with hits. {c['distinct']} distinct candidate names, "
            f"{c['distinct_matched']} naming {c['organisations_matched']} organisations of the "
            f"inventory, {c['distinct_new']} new.</p>"
            f"<div class='scroll'><table><caption>Run {_esc(run['run'])}: queries and records "
            "by search engine</caption><thead><tr><th scope='col'>Engine</th>"
            "<th scope='col'>Queries done</th><th scope='col'>Failed</th><th scope='col'>Records</th>"
            "<th scope='col'>Duplicates</th><th scope='col'>Candidates</th>"
            f"<th scope='col'>Known</th></tr></thead><tbody>{rows}</tbody></table></div>"
            f"<p>Searched, none found: {_esc(', '.join(run['searched_none_found']) or 'none')}.</p>"
        )
    return "".join(parts)


def render_report(
    results: dict[str, Any],
    tables: Sequence[Table],
    maps: Sequence[RenderedMap],
    generated: str,
    citation: str,
    sources: Sequence[dict[str, str]],
    for_print: bool = False,
    extra: Sequence[tuple[str, str, str]] = (),
) -> str:
    """``extra``: more sections (key, title, HTML), placed before the sources."""
    source_items = "".join(
        f"<li><strong>{_esc(s['title'])}</strong> — {_esc(s['licence'])}"
        + (f" — <a href='{_esc(s['url'])}'>{_esc(s['url'])}</a>" if s.get("url") else "")
        + "</li>"
        for s in sources
    )
    gap_maps = [m for m in maps if m.key == GAPS_KEY]
    step5 = synthesis_sections(results, "".join(_map(m, for_print) for m in gap_maps))
    sections = [
        (
            "summary",
            "Summary",
            _numbers(results)
            + "<p>This report rebuilds, from sourced data, the inventory of Frehywot, Park &amp; "
            "Infanzon (2019) and recomputes every number the paper reports. Each verdict says why.</p>",
        ),
        (
            "audit",
            "Reproduction audit",
            _claims(results) + "<h3>Findings</h3>" + _findings(results),
        ),
        *step5,
        ("maps", "Maps", _maps([m for m in maps if m.key != GAPS_KEY], for_print)),
        ("tables", "Tables", "\n".join(table_html(t) for t in tables)),
        ("coverage", "Data coverage", _coverage(results)),
        ("since-2019", "Websites since 2019", since_2019_section(results["since_2019"])),
        ("search", "Search", _search(results)),
        *extra,
        ("sources", "Sources and licences", f"<ul>{source_items}</ul>"),
        (
            "cite",
            "How to cite",
            f"<p>Please cite the paper:</p><blockquote>{_esc(PAPER_CITATION)}"
            "</blockquote><p>and the dataset (CITATION.cff):</p>"
            f"<pre>{_esc(citation)}</pre>",
        ),
    ]
    toc = "".join(f"<li><a href='#{key}'>{_esc(title)}</a></li>" for key, title, _ in sections)
    body = "\n".join(
        f"<section id='{key}' aria-labelledby='{key}-h'><h2 id='{key}-h'>{_esc(title)}</h2>{content}</section>"
        for key, title, content in sections
    )
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>Medical Diaspora Atlas — the 2019 study, reproduced</title>"
        f"<style>{CSS}</style></head><body>"
        "<header class='top'><h1>Medical Diaspora Atlas — the 2019 study, reproduced and audited</h1>"
        f"<p>Generated {_esc(generated)} from the statement store. Data: CC BY 4.0.</p></header>"
        f"<main><nav class='toc' aria-label='Contents'><ol>{toc}</ol></nav>{body}</main></body></html>"
    )
