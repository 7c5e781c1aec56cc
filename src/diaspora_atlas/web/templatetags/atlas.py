"""Template helpers: labels for codes, static URLs with a content hash, sizes, lookups."""

from __future__ import annotations

import hashlib
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
    """A claim's value for reading: dicts as 'A 1, B 2', lists joined, None as a dash."""
    if value is None:
        return "—"
    if isinstance(value, dict):
        return ", ".join(f"{k} {plain(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(plain(v) for v in value)
    return str(value)
