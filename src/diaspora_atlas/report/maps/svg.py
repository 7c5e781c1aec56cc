"""Small SVG writing helpers: escaping, safe links, text, wrapping, the document shell."""

from __future__ import annotations

import re
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from diaspora_atlas.report.maps import style

FONT_FAMILY = "'DejaVu Sans', 'Bitstream Vera Sans', Verdana, Geneva, sans-serif"
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# Average advance widths of DejaVu Sans, in em, for wrapping without font metrics.
_NARROW, _WIDE = set("fijlrt.,:;'!|()[] "), set("mwMW@%")


def esc(text: str) -> str:
    """Text content, XML-escaped (control characters other than tab/newline dropped)."""
    clean = "".join(ch for ch in text if ch >= " " or ch in "\t\n")
    return escape(clean)


def attrs(**values: str | float | None) -> str:
    """` name="value"` pairs; underscores become dashes; None values are left out."""
    out = []
    for key, value in values.items():
        if value is None:
            continue
        name = "class" if key == "cls" else key.rstrip("_").replace("_", "-")
        shown = f"{value:g}" if isinstance(value, float) else str(value)
        out.append(f" {name}={quoteattr(esc(shown))}")
    return "".join(out)


def safe_href(href: str) -> str | None:
    """The link if it is relative or http(s); None for anything else (javascript:, data:...)."""
    href = href.strip()
    if not href or any(ch in href for ch in "\r\n\t"):
        return None
    match = _SCHEME.match(href)
    if match and match.group(1).lower() not in ("http", "https"):
        return None
    return href


def linked(href: str, inner: str) -> str:
    """``inner`` wrapped in ``<a href>`` when the link is safe, else ``inner`` alone."""
    safe = safe_href(href)
    return f"<a{attrs(href=safe)}>{inner}</a>" if safe else inner


def tooltip(text: str) -> str:
    return f"<title>{esc(text)}</title>"


def text_width(text: str, size: float) -> float:
    """Estimated rendered width of ``text`` in DejaVu Sans at ``size`` px."""
    em = 0.0
    for ch in text:
        em += 0.34 if ch in _NARROW else 0.95 if ch in _WIDE else 0.72 if ch.isupper() else 0.61
    return em * size


def wrap(text: str, width: float, size: float) -> list[str]:
    """Greedy word wrap to ``width`` pixels."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def text(
    x: float, y: float, content: str, size: float = style.TEXT_SIZE, *, weight: str | None = None,
    anchor: str | None = None, fill: str = style.TEXT, halo: bool = False, cls: str | None = None,
) -> str:  # fmt: skip
    """One line of text; with ``halo`` a white outline is drawn first, for text over a map."""
    common = attrs(x=round(x, 1), y=round(y, 1), font_size=size, font_weight=weight,
                   text_anchor=anchor)  # fmt: skip
    body = esc(content)
    under = ""
    if halo:
        under = f'<text{common} fill="#ffffff" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" aria-hidden="true">{body}</text>'
    return f"{under}<text{common}{attrs(fill=fill, cls=cls)}>{body}</text>"


def lines(
    x: float, y: float, rows: Iterable[str], size: float, leading: float, *,
    weight: str | None = None, fill: str = style.TEXT,
) -> str:  # fmt: skip
    """Several lines of text, ``leading`` pixels apart."""
    return "".join(
        text(x, y + i * leading, row, size, weight=weight, fill=fill) for i, row in enumerate(rows)
    )


def document(key: str, width: float, height: float, title: str, desc: str, body: str) -> str:
    """A standalone, accessible SVG document."""
    ids = f"{key}-title {key}-desc"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg"{attrs(width=round(width), height=round(height))}'
        f"{attrs(viewBox=f'0 0 {round(width)} {round(height)}', role='img', aria_labelledby=ids)}"
        f"{attrs(font_family=FONT_FAMILY, cls=f'diaspora-map diaspora-map-{key}')}>"
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{head}'
        f'<title id="{key}-title">{esc(title)}</title><desc id="{key}-desc">{esc(desc)}</desc>'
        f'<rect width="100%" height="100%" fill="{style.PAPER}"/>{body}</svg>\n'
    )
