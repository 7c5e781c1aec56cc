"""What goes beside a host map: boxes of organisations with no place on it, region counts."""

from __future__ import annotations

from collections.abc import Sequence

from diaspora_atlas.report.maps import blocks
from diaspora_atlas.report.maps.blocks import plural
from diaspora_atlas.report.maps.figures import Figure
from diaspora_atlas.report.maps.markers import tip
from diaspora_atlas.report.maps.panel import Placed
from diaspora_atlas.report.maps.pins import COUNTRY


def size(placed: Placed) -> int:
    """How many organisations a panel was given."""
    return len(placed.points) + len(placed.regions) + len(placed.country) + len(placed.outside)


def unplaced_badges(
    figure: Figure, placed: Sequence[Placed], lefts: Sequence[float], y: float, width: float
) -> tuple[str, float]:
    """One box per host for organisations with no known location (and one for any outside
    the area shown), under each panel (``lefts``: one x per panel, or one for all)."""
    parts, bottom = [], y
    for index, (panel, done) in enumerate(zip(figure.panels, placed, strict=True)):
        left, top = lefts[min(index, len(lefts) - 1)], y
        if len(lefts) == 1 and index:
            top = bottom
        for heading, group, cls in (
            (f"{plural(len(done.country))} in {panel.name}, location not known", done.country, "pin pin-country"),
            (f"{plural(len(done.outside))} located outside the area shown", done.outside, "pin pin-outside"),
        ):  # fmt: skip
            if group:
                entries = [(cls, tip(pin, COUNTRY, panel), pin.href) for pin in group]
                svg, height = blocks.badge(heading, entries, left, top, width)
                parts.append(svg)
                top += height + 10
        bottom = max(bottom, top)
    return "".join(parts), bottom


def region_table(
    figure: Figure, placed: Placed, x: float, y: float, width: float
) -> tuple[str, float]:
    """Organisations per region (the UK's nations), for the side column of a tall map."""
    panel = figure.panels[0]
    rows = [(name, placed.by_region[name]) for name in blocks.region_names(panel.layer)]
    return blocks.count_table(f"Organisations by {figure.region_word}", rows, x, y, width)
