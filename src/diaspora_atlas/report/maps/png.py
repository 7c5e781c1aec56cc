"""Rasterising a map for print, with cairosvg (fonts from the system: DejaVu Sans)."""

from __future__ import annotations

from pathlib import Path

from diaspora_atlas.errors import AtlasError


def to_png(svg: str, path: Path, width: int = 1800) -> None:
    """Write ``svg`` as a PNG ``width`` pixels wide (the height keeps the aspect ratio)."""
    import cairosvg  # imported here: only printing needs cairo

    if width <= 0:
        raise ValueError(f"width must be positive, not {width}")
    try:
        png = cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=width, unsafe=False)
    except Exception as exc:  # cairosvg raises many kinds for a bad document
        raise AtlasError(f"cannot rasterise the map for {path}: {exc}") from exc
    path.write_bytes(png)
