"""Colours and type sizes, chosen to be colour-blind safe and legible at 900 px.

Sequential scales are sampled from viridis; categories use the Okabe-Ito palette. Text is
always near-black on white or on a pale fill; ``contrast`` checks the 4.5:1 WCAG AA ratio.
"""

from __future__ import annotations

PAPER = "#ffffff"
TEXT = "#1a1a1a"
TEXT_MUTED = "#4a4a4a"
TITLE_SIZE = 20.0
SUBTITLE_SIZE = 14.0
TEXT_SIZE = 13.0
SMALL_SIZE = 12.0  # the smallest text on any map (credits, counts)

OCEAN = "#e4eef6"
FRAME = "#9aa5ae"
HOST_LAND = "#f5f2eb"
HOST_BORDER = "#a39d93"
CONTEXT_LAND = "#e2e2e2"
CONTEXT_BORDER = "#ffffff"

POINT_FILL = "#0072b2"  # Okabe-Ito blue: organisation with a known city or address
POINT_STROKE = "#ffffff"
REGION_STROKE = "#b34d00"  # dark vermilion ring: only the state/province/nation known
REGION_SHADE = "#fbdfc4"
COUNTRY_FILL = "#555555"  # square: only the country known
BADGE_FILL = "#f6f6f6"
BADGE_STROKE = "#b9b9b9"

# Choropleth of organisations per origin country: viridis at 0.9, 0.7, 0.45, 0.17.
COUNT_CLASSES: tuple[tuple[int, int | None, str], ...] = (
    (1, 1, "#bddf26"),
    (2, 3, "#4ac16d"),
    (4, 6, "#26828e"),
    (7, None, "#472d7b"),
)
LMIC_NONE = "#f6eed4"  # an LMIC with no organisation (or a listed country with no office)
OUT_OF_SCOPE = "#d3d3d3"  # not an LMIC / not in the inventory / no data
COUNTRY_EDGE = "#ffffff"
SMALL_COUNTRY_EDGE = "#4d4d4d"


def count_colour(count: int) -> str:
    for low, high, colour in COUNT_CLASSES:
        if count >= low and (high is None or count <= high):
            return colour
    return LMIC_NONE


def class_label(low: int, high: int | None) -> str:
    if high is None:
        return f"{low} or more"
    return str(low) if low == high else f"{low}–{high}"


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours (1 to 21)."""
    a, b = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)
