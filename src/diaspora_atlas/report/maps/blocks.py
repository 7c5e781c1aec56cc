"""The parts of a figure around the map: title, badges for unplaced pins, credits."""

from __future__ import annotations

from collections.abc import Sequence

from diaspora_atlas.report.maps import style
from diaspora_atlas.report.maps.geodata import layer
from diaspora_atlas.report.maps.svg import attrs, lines, linked, text, tooltip, wrap

MARGIN = 20.0
SQUARE, SQUARE_GAP = 10.0, 4.0


def plural(count: int, word: str = "organisation", words: str = "") -> str:
    """'1 organisation', '2 organisations'; ``words`` for irregular plurals ('countries')."""
    return f"{count} {word if count == 1 else words or word + 's'}"


def title_block(title: str, subtitle: str, width: float) -> tuple[str, float]:
    """Title and subtitle at the top; returns the SVG and the y where the content starts."""
    rows = wrap(subtitle, width - 2 * MARGIN, style.SUBTITLE_SIZE)
    svg = text(MARGIN, 34, title, style.TITLE_SIZE, weight="bold", cls="map-title")
    svg += lines(MARGIN, 58, rows, style.SUBTITLE_SIZE, 18, fill=style.TEXT_MUTED)
    return f'<g class="heading">{svg}</g>', 58 + 18 * (len(rows) - 1) + 16


def credits_block(credits: Sequence[str], x: float, y: float, width: float) -> tuple[str, float]:
    """The data sources, credited on the figure; returns the SVG and its height."""
    rows = [row for line in credits if line.strip() for row in wrap(line, width, style.SMALL_SIZE)]
    svg = lines(x, y + 12, rows, style.SMALL_SIZE, 16, fill=style.TEXT_MUTED)
    return f'<g class="credits">{svg}</g>', 16 * len(rows)


def badge(
    heading: str, entries: Sequence[tuple[str, str, str]], x: float, y: float, width: float
) -> tuple[str, float]:
    """A box in the margin: a heading, then one square per organisation (tooltip, link).

    ``entries`` are (css class, tooltip, href). Returns the SVG and the box's height.
    """
    rows = wrap(heading, width - 20, style.TEXT_SIZE)
    per_row = max(1, int((width - 20 + SQUARE_GAP) // (SQUARE + SQUARE_GAP)))
    square_rows = -(-len(entries) // per_row)
    height = 12 + 17 * len(rows) + square_rows * (SQUARE + SQUARE_GAP) + 8
    parts = [
        f"<rect{attrs(x=x, y=y, width=width, height=height, rx=4.0)}"
        f"{attrs(fill=style.BADGE_FILL, stroke=style.BADGE_STROKE)}/>",
        lines(x + 10, y + 24, rows, style.TEXT_SIZE, 17),
    ]
    top = y + 12 + 17 * len(rows) + 2
    for index, (cls, tip, href) in enumerate(entries):
        column, row = index % per_row, index // per_row
        sx, sy = x + 10 + column * (SQUARE + SQUARE_GAP), top + row * (SQUARE + SQUARE_GAP)
        square = (
            f"<rect{attrs(cls=cls, x=round(sx, 1), y=round(sy, 1), width=SQUARE, height=SQUARE)}"
            f"{attrs(fill=style.COUNTRY_FILL)}>{tooltip(tip)}</rect>"
        )
        parts.append(linked(href, square))
    return f'<g class="badge">{"".join(parts)}</g>', height


def note(content: str, x: float, y: float, width: float) -> tuple[str, float]:
    rows = wrap(content, width, style.SMALL_SIZE)
    return lines(x, y + 12, rows, style.SMALL_SIZE, 16, fill=style.TEXT_MUTED), 16 * len(rows)


def group(cls: str, body: str) -> str:
    return f"<g{attrs(cls=cls)}>{body}</g>"


def heading(x: float, y: float, content: str) -> str:
    return text(x, y, content, 15.0, weight="bold", cls="panel-title")


def region_names(layer_name: str) -> list[str]:
    """Names of the regions of a host layer's main map (no insets)."""
    return [area.name for area in layer(layer_name) if not area.group]


def count_table(
    title: str, rows: Sequence[tuple[str, int]], x: float, y: float, width: float
) -> tuple[str, float]:
    """A heading and "name ... count" rows, most first; returns the SVG and the bottom y."""
    parts = [text(x, y + 14, title, style.TEXT_SIZE, weight="bold")]
    ordered = sorted(rows, key=lambda row: (-row[1], row[0]))
    for index, (name, count) in enumerate(ordered):
        row_y = y + 36 + 19 * index
        parts.append(text(x, row_y, name, style.TEXT_SIZE))
        parts.append(text(x + width, row_y, str(count), style.TEXT_SIZE, anchor="end"))
    return f'<g class="region-table">{"".join(parts)}</g>', y + 36 + 19 * len(ordered)
