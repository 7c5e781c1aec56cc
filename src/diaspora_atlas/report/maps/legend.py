"""Legends: the three pin symbols of the host maps; colour scales and swatches of world maps."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from diaspora_atlas.report.maps import style
from diaspora_atlas.report.maps.svg import attrs, lines, text, text_width, wrap
from diaspora_atlas.report.maps.types import LegendItem

SYMBOL_WIDTH = 30.0
POINT_RADIUS, RING_RADIUS = 4.5, 4.5


def point_symbol(cx: float, cy: float) -> str:
    return (
        f"<circle{attrs(cx=cx, cy=cy, r=POINT_RADIUS + 0.6, fill=style.POINT_FILL)}"
        f"{attrs(stroke=style.POINT_STROKE, stroke_width=1.2)}/>"
    )


def ring_symbol(cx: float, cy: float) -> str:
    return (
        f"<circle{attrs(cx=cx, cy=cy, r=RING_RADIUS, fill=style.PAPER)}"
        f"{attrs(stroke=style.REGION_STROKE, stroke_width=2.2)}/>"
    )


def _shaded_ring(x: float, y: float) -> str:
    shade = (
        f"<rect{attrs(x=x, y=y, width=22.0, height=15.0, fill=style.REGION_SHADE)}"
        f"{attrs(stroke=style.HOST_BORDER, stroke_width=0.6)}/>"
    )
    return shade + ring_symbol(x + 11, y + 7.5)


def _square(x: float, y: float) -> str:
    return f"<rect{attrs(x=x + 6, y=y + 2, width=10.0, height=10.0, fill=style.COUNTRY_FILL)}/>"


def host_legend_labels(region_word: str, where: str) -> tuple[str, str, str]:
    """The words of the three symbols: city known, region only, country only."""
    return (
        "City or street address known: one dot per organisation; dots in one city sit "
        "side by side, numbered when there are 3 or more.",
        f"Only the {region_word} known: a ring at its centre, the {region_word} "
        "shaded (the city is not implied).",
        f"Only the country known: one square per organisation, in the box {where}.",
    )


def host_legend_items(region_word: str, where: str) -> tuple[LegendItem, ...]:
    city, region, country = host_legend_labels(region_word, where)
    return (
        LegendItem("point", style.POINT_FILL, city),
        LegendItem("ring", style.REGION_STROKE, region),
        LegendItem("square", style.COUNTRY_FILL, country),
    )


def swatch_items(
    heading: str, scale: Sequence[tuple[str, str]], swatches: Sequence[tuple[str, str]]
) -> tuple[LegendItem, ...]:
    """The items of a colour scale and its swatches (``scale_and_swatches``) as data."""
    return tuple(
        [LegendItem("swatch", colour, f"{heading}: {label}") for colour, label in scale]
        + [LegendItem("swatch", colour, label) for colour, label in swatches]
    )


def host_legend(
    region_word: str, where: str, x: float, y: float, width: float, columns: int
) -> tuple[str, float]:
    """The key to the three symbols; returns the SVG and its height."""
    city, region, country = host_legend_labels(region_word, where)
    entries: list[tuple[Callable[[float, float], str], str]] = [
        (lambda sx, sy: point_symbol(sx + 11, sy + 7), city),
        (_shaded_ring, region),
        (_square, country),
    ]
    column_width = (width - 16 * (columns - 1)) / columns
    parts, row_top, row_height = [], y, 0.0
    for index, (draw, label) in enumerate(entries):
        column = index % columns
        if column == 0 and index:
            row_top += row_height + 10
            row_height = 0.0
        left = x + column * (column_width + 16)
        rows = wrap(label, column_width - SYMBOL_WIDTH, style.TEXT_SIZE)
        parts.append(draw(left, row_top))
        parts.append(lines(left + SYMBOL_WIDTH, row_top + 12, rows, style.TEXT_SIZE, 17))
        row_height = max(row_height, 17.0 * len(rows))
    return f'<g class="legend">{"".join(parts)}</g>', row_top + row_height - y


def scale_and_swatches(
    heading: str,
    scale: Sequence[tuple[str, str]],
    swatches: Sequence[tuple[str, str]],
    x: float,
    y: float,
    width: float,
) -> tuple[str, float]:
    """A heading, a stepped colour scale (colour, label), then categorical swatches.

    Returns the SVG and its height. Either sequence may be empty.
    """
    parts = [text(x, y + 12, heading, style.TEXT_SIZE, weight="bold")]
    top = y + 22
    step = 64.0
    for index, (colour, label) in enumerate(scale):
        left = x + index * step
        parts.append(f"<rect{attrs(x=left, y=top, width=step, height=14.0, fill=colour)}/>")
        parts.append(text(left + step / 2, top + 30, label, style.TEXT_SIZE, anchor="middle"))
    cursor, line = (x + len(scale) * step + 28 if scale else x), top
    for colour, label in swatches:
        needed = 22 + 8 + text_width(label, style.TEXT_SIZE) + 22
        if cursor + needed > x + width and cursor > x:
            cursor, line = x, line + 26 if line > top or not scale else top + 40
        parts.append(
            f"<rect{attrs(x=cursor, y=line, width=22.0, height=14.0, fill=colour)}"
            f"{attrs(stroke='#8a8a8a', stroke_width=0.6)}/>"
        )
        parts.append(text(cursor + 30, line + 12, label, style.TEXT_SIZE))
        cursor += needed
    height = max(line + 20, top + (36 if scale else 20)) - y
    return f'<g class="legend">{"".join(parts)}</g>', height
