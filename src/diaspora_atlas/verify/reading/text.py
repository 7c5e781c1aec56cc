"""A page's text as lines: the main text from trafilatura (a maintained extractor that drops
navigation and boilerplate), or, when it finds none, every block of the page."""

from __future__ import annotations

import re

_BLOCKS = re.compile(
    r"<\s*(?:br|/p|/div|/li|/h[1-6]|/address|/tr|/td|/th|/dt|/dd|/footer|/header|/section)\b[^>]*>",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[a-z0-9)\]”\"’])[.!?]\s+(?=[A-Z“\"‘(0-9])")


def block_lines(html: str) -> list[str]:
    """Every block of the page on its own line (scripts and styles dropped)."""
    import lxml.html
    from lxml import etree

    marked = _BLOCKS.sub(lambda m: m.group(0) + "\n", html)
    try:
        root = lxml.html.document_fromstring(marked or "<html></html>")
    except (etree.ParserError, ValueError):
        return []
    for element in root.xpath("//script | //style | //noscript | //template"):
        element.drop_tree()
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return [line for line in lines if line]


def main_lines(html: str) -> list[str]:
    import trafilatura

    extracted = trafilatura.extract(
        html, favor_recall=True, include_comments=False, include_tables=True, deduplicate=False
    )
    if not extracted:
        return block_lines(html)
    lines = (" ".join(line.split()) for line in extracted.splitlines())
    return [line for line in lines if line]


def sentences(lines: list[str]) -> list[str]:
    """Lines cut into sentences (a line break always ends one)."""
    return [part.strip() for line in lines for part in _SENTENCE.split(line) if part.strip()]
