"""An HTML page as the verifier reads it: title, first heading, visible text, links, and
where the page itself sends its visitor on (a meta refresh, a frameset showing one other
address, or a script that only sets the location of a near-empty page)."""

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
MAX_REFRESH_DELAY = 10.0  # seconds: a longer refresh is a page reloading, not a pointer
SCRIPT_REDIRECT_WORDS = 50  # a script's location is a redirect only on a page this short
# content="0; url=https://example.org/" (the URL may be quoted, "url=" may be missing)
_REFRESH = re.compile(
    r"""^\s*(\d+(?:\.\d*)?)\s*(?:[;,]\s*(?:url\s*=\s*)?(['"]?)(?P<url>[^'"]*?)\2)?\s*$""",
    re.IGNORECASE,
)
# location = "...", location.href = '...', location.replace("...") / .assign("...")
_SCRIPT_LOCATION = re.compile(
    r"""\blocation(?:\.href)?\s*=\s*(['"])(?P<url>[^'"]+)\1"""
    r"""|\blocation\.(?:replace|assign)\(\s*(['"])(?P<call>[^'"]+)\3\s*\)"""
)


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
    sends_to: str = ""  # the absolute address the page itself sends its visitor to
    sent_by: str = ""  # how: "meta refresh", "frame" or "script"

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
        "refresh": "//meta[translate(@http-equiv, 'REFSH', 'refsh')='refresh']/@content",
        "frames": "//frameset//frame/@src",
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
    refresh = [str(content) for content in paths["refresh"](root)]
    frames = [str(src) for src in paths["frames"](root) if str(src).strip()]
    skipped = paths["skipped"](root)
    for element in skipped:
        element.drop_tree()  # still readable below, out of the tree
    body = root.find("body")
    text = fold((body if body is not None else root).text_content())
    words = len(text.split())
    # inline scripts are read only on a near-empty page (real pages carry large ones)
    scripts = (
        [e.text or "" for e in skipped if e.tag == "script" and e.get("src") is None]
        if words < SCRIPT_REDIRECT_WORDS
        else []
    )
    sends_to, sent_by = _sends_to(base, refresh, frames, scripts, words)
    return Page(url, html, title, heading, text, tuple(links), sources, sends_to, sent_by)


def _sends_to(
    base: URL, refresh: list[str], frames: list[str], scripts: list[str], words: int
) -> tuple[str, str]:
    """Where the page sends its visitor, and how: a meta refresh of at most
    ``MAX_REFRESH_DELAY`` seconds that names an address; else, on a page of fewer than
    ``SCRIPT_REDIRECT_WORDS`` words, a frameset showing one address (a domain forwarded
    "with masking") or an inline script setting the location; ("", "") if none."""
    for content in refresh:
        found = _REFRESH.match(content)
        if found is None or float(found.group(1)) > MAX_REFRESH_DELAY:
            continue
        target = _absolute(base, found.group("url") or "")
        if target:
            return target, "meta refresh"
    if words >= SCRIPT_REDIRECT_WORDS:
        return "", ""
    if len(frames) == 1:
        target = _absolute(base, frames[0])
        if target:
            return target, "frame"
    for script in scripts:
        found = _SCRIPT_LOCATION.search(script)
        target = _absolute(base, found.group("url") or found.group("call")) if found else None
        if target:
            return target, "script"
    return "", ""
