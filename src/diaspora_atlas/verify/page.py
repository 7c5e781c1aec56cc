"""An HTML page as the verifier reads it: title, first heading, visible text, links."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from yarl import URL

_SPACE = re.compile(r"\s+")
_SKIPPED = ("script", "style", "noscript", "template", "svg")
_ASSETS = (".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico", ".webp", ".woff")


@dataclass(frozen=True)
class Link:
    url: str  # absolute
    text: str


@dataclass(frozen=True)
class Page:
    url: str
    html: str
    title: str
    heading: str
    text: str  # visible text, whitespace folded
    links: tuple[Link, ...]
    sources: tuple[str, ...]  # script, iframe and frame src addresses

    @property
    def words(self) -> int:
        return len(self.text.split())


def fold(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def content_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()[:32]


def _absolute(base: URL, href: str) -> str | None:
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    try:
        joined = base.join(URL(href))
    except (ValueError, TypeError):
        return None
    if joined.scheme not in ("http", "https") or joined.path.lower().endswith(_ASSETS):
        return None
    return str(joined.with_fragment(None))


@cache
def _paths() -> dict[str, Any]:
    """The XPath expressions, compiled once (lxml is imported only when a page is read)."""
    from lxml import etree

    expressions = {
        "title": "//title//text()",
        "h1": "//h1",
        "h2": "//h2",
        "base": "//base/@href",
        "links": "//a[@href]",
        "sources": "//script/@src | //iframe/@src | //frame/@src",
        "skipped": "//" + " | //".join(_SKIPPED),
    }
    return {name: etree.XPath(text) for name, text in expressions.items()}


def parse_page(url: str, html: str) -> Page:
    """Parse leniently (lxml's HTML parser); a page that is not HTML gives empty parts."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(html or "<html></html>")
    except (etree.ParserError, ValueError):
        return Page(url, html, "", "", fold(html[:20000]), (), ())
    paths = _paths()
    title = fold(" ".join(paths["title"](root)))
    heads = paths["h1"](root) or paths["h2"](root)
    heading = fold(heads[0].text_content()) if heads else ""
    try:
        base = URL(url)
    except (ValueError, TypeError):
        base = URL()
    for href in paths["base"](root)[:1]:
        declared = _absolute(base, str(href))
        base = URL(declared) if declared else base
    links: list[Link] = []
    for anchor in paths["links"](root):
        target = _absolute(base, str(anchor.get("href")))
        if target:
            links.append(Link(target, fold(anchor.text_content())))
    sources = tuple(str(s) for s in paths["sources"](root) if s)
    for element in paths["skipped"](root):
        element.drop_tree()
    body = root.find("body")
    text = fold((body if body is not None else root).text_content())
    return Page(url, html, title, heading, text, tuple(links), sources)
