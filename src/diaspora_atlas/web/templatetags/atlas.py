"""Template helpers: labels for codes, static URLs with a content hash, sizes, lookups."""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path
from typing import Any

from django import template
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe

from diaspora_atlas.web import labels

register = template.Library()


@register.filter
def label(code: Any, kind: str) -> str:
    return labels.label(kind, str(code))


@register.filter
def get(mapping: Any, key: Any) -> Any:
    if isinstance(mapping, dict):
        return mapping.get(key, "")
    return ""


@register.filter
def filesize(size: Any) -> str:
    value = float(size or 0)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


@register.filter
def short_date(value: Any) -> str:
    text = str(value or "")
    return text[:10]


@register.filter
def inline_svg(svg: str) -> SafeString:
    """Our own map markup (rendered from bundled data and escaped by the map package)."""
    return mark_safe(svg)


@cache
def _digest(name: str) -> str:
    found = finders.find(name)
    if not found or isinstance(found, list):
        return ""
    return hashlib.sha256(Path(found).read_bytes()).hexdigest()[:12]


@register.simple_tag
def static_v(name: str) -> str:
    """A static file's URL with its content hash, so browsers may cache it for long."""
    digest = _digest(name)
    return static(name) + (f"?v={digest}" if digest else "")


@register.filter
def startswith(text: Any, prefix: str) -> bool:
    return str(text).startswith(prefix)


@register.filter
def percent(part: Any, whole: Any) -> str:
    return f"{100 * float(part) / float(whole):.0f}%" if whole else "–"


@register.filter
def humanize(code: Any) -> str:
    """'not_reproduced' -> 'Not reproduced'."""
    return str(code).replace("_", " ").capitalize()


@register.filter
def plain(value: Any) -> str:
    """A claim's value for reading: dicts as 'United States 60, …', lists joined, country
    codes as names, None as a dash (the report's rule, report.verdicts.show)."""
    from diaspora_atlas.report.verdicts import show
    from diaspora_atlas.web.facts import country_names

    return show(value, country_names())


_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}")
_SYMBOLS = {
    "swatch": '<rect x="1" y="2" width="20" height="12" fill="{c}" stroke="#8a8a8a"/>',
    "point": '<circle cx="11" cy="8" r="5" fill="{c}" stroke="#1a1a1a"/>',
    "ring": '<circle cx="11" cy="8" r="5" fill="#ffffff" stroke="{c}" stroke-width="2.2"/>',
    "square": '<rect x="6" y="3" width="10" height="10" fill="{c}"/>',
}


@register.filter
def legend_symbol(item: Any) -> SafeString:
    """A map key's symbol as a tiny SVG (its colour an attribute, as the CSP allows)."""
    colour = str(getattr(item, "colour", ""))
    colour = colour if _COLOUR.fullmatch(colour) else "#777777"
    shape = _SYMBOLS.get(str(getattr(item, "shape", "")), _SYMBOLS["swatch"])
    return mark_safe(
        '<svg class="key" width="22" height="16" viewBox="0 0 22 16" aria-hidden="true" '
        f'focusable="false">{shape.format(c=colour)}</svg>'
    )


@register.filter
def countlabel(key: Any) -> str:
    """A map's count in words ('country_only' -> 'Only the country known')."""
    return labels.label("map_count", str(key))


@register.filter
def country_name(iso3: Any) -> str:
    from diaspora_atlas.web.facts import country_names

    return country_names().get(str(iso3), str(iso3))


@register.filter
def shown_value(prop: Any, value: Any) -> str:
    """A stored value in words, as the facts show it (codes, countries, events)."""
    from diaspora_atlas.web.facts import display_value

    return display_value(str(prop), str(value))


@register.filter
def nice_url(url: Any) -> str:
    """An address as people read it: no scheme, no 'www.', no trailing slash."""
    text = re.sub(r"^https?://(www\.)?", "", str(url))
    return text.rstrip("/")


@register.filter
def tel(number: Any) -> str:
    """A telephone number for a tel: link (digits and a leading +)."""
    text = str(number)
    return ("+" if text.strip().startswith("+") else "") + re.sub(r"\D", "", text)


@register.filter
def the(name: Any) -> str:
    """'United States' -> 'the United States' (as a sentence says it)."""
    from diaspora_atlas.web.facts import with_article

    return with_article(str(name))


@register.filter
def lowerfirst(text: Any) -> str:
    """'Street or P.O. box' -> 'street or P.O. box' (lower case only the first letter)."""
    value = str(text)
    return value[:1].lower() + value[1:]
