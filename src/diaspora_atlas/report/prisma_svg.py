"""The PRISMA 2020 flow diagram as a standalone, accessible SVG (then PNG with ``to_png``).

Boxes are ``<g>`` elements with an id (``box-identified``, ``box-duplicates``, ...) and the
box's number in ``data-n``, so tests and readers can find every count.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from diaspora_atlas.report.maps import style
from diaspora_atlas.report.maps.svg import attrs, document, esc, text, wrap
from diaspora_atlas.report.prisma import Prisma

WIDTH, PHASE_W, GAP, PAD, LEADING = 940.0, 34.0, 26.0, 10.0, 17.0
MAIN_X, MAIN_W = 60.0, 400.0
SIDE_X, SIDE_W = 510.0, 410.0
FILL, SIDE_FILL, PHASE_FILL, LINE = "#eef4fa", "#f7f7f7", "#0d2b45", "#4a5360"


@dataclass(frozen=True)
class Box:
    key: str
    n: int
    lines: tuple[str, ...]


def _lines(title: str, items: dict[str, int]) -> tuple[str, ...]:
    return (title, *(f"  {k.replace('_', ' ')}: {v}" for k, v in items.items()))


def rows(p: Prisma) -> list[tuple[str, Box, Box | None]]:
    """(phase, main box, side box) from top to bottom."""
    excluded_rule = sum(p.excluded_by_rule.values())
    excluded_rev = sum(p.excluded_by_reviewers.values())
    return [
        ("Identification",
         Box("identified", p.identified, _lines(f"Records identified (n = {p.identified}):", p.records_by_source)),
         Box("duplicates", p.duplicates, (f"Duplicate records removed (n = {p.duplicates})", "  by DOI, PMID or URL"))),
        ("Screening",
         Box("screened", p.screened, (f"Records screened (n = {p.screened})",)),
         Box("no-candidate", p.no_candidate, (f"Records excluded (n = {p.no_candidate}):",
             "  naming no candidate organisation",
             *(f"  ({sum(p.lookalikes.values())} look-alike names rejected at extraction)",) * bool(p.lookalikes)))),
        ("Screening",
         Box("organisations", p.organisations, (f"Candidate organisations (n = {p.organisations})",
             f"  from {p.mentions} candidate mentions;", f"  {p.mentions_merged} mentions merged as the same organisation")),
         Box("excluded-rule", excluded_rule, _lines(f"Excluded by rule (n = {excluded_rule}):", p.excluded_by_rule))),
        ("Eligibility",
         Box("assessed", p.assessed, (f"Organisations assessed by reviewers (n = {p.assessed})",)),
         Box("excluded-reviewers", excluded_rev,
             (*_lines(f"Excluded by reviewers (n = {excluded_rev}):", p.excluded_by_reviewers),
              f"Awaiting a decision: {p.awaiting} (conflicts: {p.conflicts})"))),
        ("Included",
         Box("included", p.included, (f"Organisations included (n = {p.included})",
             f"  already in the inventory: {p.included_known}", f"  new: {p.included_new}")),
         None),
    ]  # fmt: skip


def _box(box: Box, x: float, y: float, w: float, fill: str) -> tuple[str, float]:
    wrapped = [line for raw in box.lines for line in _indent_wrap(raw, w - 2 * PAD)]
    h = 2 * PAD + LEADING * len(wrapped)
    body = "".join(
        text(
            x + PAD,
            y + PAD + LEADING * (i + 0.8),
            line,
            style.TEXT_SIZE,
            weight="bold" if i == 0 else None,
        )
        for i, line in enumerate(wrapped)
    )
    rect = f"<rect{attrs(x=x, y=y, width=w, height=h, rx=4.0, fill=fill, stroke=LINE)}/>"
    return f"<g{attrs(id=f'box-{box.key}', data_n=str(box.n))}>{rect}{body}</g>", h


def _indent_wrap(line: str, width: float) -> list[str]:
    indent = line[: len(line) - len(line.lstrip())]
    return [indent + part for part in wrap(line.strip(), width - 8 * len(indent), style.TEXT_SIZE)]


def _arrow(x1: float, y1: float, x2: float, y2: float) -> str:
    return f"<line{attrs(x1=x1, y1=y1, x2=x2, y2=y2, stroke=LINE, stroke_width=1.5, marker_end='url(#arrow)')}/>"


def prisma_svg(p: Prisma, title: str) -> str:
    parts, y = [], 60.0
    previous_bottom: float | None = None
    phases: list[tuple[str, float, float]] = []
    laid = rows(p)
    per_phase = Counter(phase for phase, _, _ in laid)
    for phase, main, side in laid:
        main_svg, main_h = _box(main, MAIN_X, y, MAIN_W, FILL)
        side_svg, side_h = _box(side, SIDE_X, y, SIDE_W, SIDE_FILL) if side else ("", 0.0)
        # tall enough for the phase's name, written upright on its bar (shared by its rows)
        upright = (
            len(phase) * style.TEXT_SIZE * 0.62 + 12 - GAP * (per_phase[phase] - 1)
        ) / per_phase[phase]
        h = max(main_h, side_h, upright)
        parts += [main_svg, side_svg]
        if previous_bottom is not None:
            parts.append(_arrow(MAIN_X + MAIN_W / 2, previous_bottom, MAIN_X + MAIN_W / 2, y - 2))
        if side:
            parts.append(_arrow(MAIN_X + MAIN_W, y + main_h / 2, SIDE_X - 2, y + main_h / 2))
        phases.append((phase, y, y + h))
        previous_bottom, y = y + main_h, y + h + GAP
    parts += _phase_bars(phases)
    marker = (
        "<defs><marker id='arrow' viewBox='0 0 10 10' refX='9' refY='5' markerWidth='7' "
        f"markerHeight='7' orient='auto'><path d='M0,0 L10,5 L0,10 z' fill='{LINE}'/></marker></defs>"
    )
    heading = text(MAIN_X, 34, title, style.SUBTITLE_SIZE, weight="bold")
    desc = (
        f"PRISMA 2020 flow of search run {p.run}: {p.identified} records identified, "
        f"{p.duplicates} duplicates, {p.screened} screened, {p.organisations} candidate "
        f"organisations, {p.included} included ({p.included_new} new)."
    )
    return document("prisma", WIDTH, y + 10, title, desc, marker + heading + "".join(parts))


def _phase_bars(phases: list[tuple[str, float, float]]) -> list[str]:
    merged: list[tuple[str, float, float]] = []
    for name, top, bottom in phases:
        if merged and merged[-1][0] == name:
            merged[-1] = (name, merged[-1][1], bottom)
        else:
            merged.append((name, top, bottom))
    out = []
    for name, top, bottom in merged:
        cx, cy = 10 + PHASE_W / 2, (top + bottom) / 2
        out.append(
            f"<rect{attrs(x=10.0, y=top, width=PHASE_W, height=bottom - top, rx=3.0, fill=PHASE_FILL)}/>"
        )
        out.append(
            f"<text{attrs(x=round(cx, 1), y=round(cy, 1), fill='#ffffff', font_size=style.TEXT_SIZE, text_anchor='middle', transform=f'rotate(-90 {cx:.1f} {cy:.1f})', dominant_baseline='middle')}>{esc(name)}</text>"
        )
    return out
