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


def main_text(html: str) -> str:
    """The page's main text as trafilatura extracts it ("" when it finds none)."""
    import trafilatura

    extracted = trafilatura.extract(
        html, favor_recall=True, include_comments=False, include_tables=True, deduplicate=False
    )
    return extracted or ""


def text_lines(text: str) -> list[str]:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return [line for line in lines if line]


def main_lines(html: str, main: str | None = None) -> list[str]:
    """Lines of the main text (``main``: trafilatura's text when already extracted), or of
    every block when trafilatura finds none."""
    extracted = main_text(html) if main is None else main
    return text_lines(extracted) if extracted else block_lines(html)


def sentences(lines: list[str]) -> list[str]:
    """Lines cut into sentences (a line break always ends one)."""
    return [part.strip() for line in lines for part in _SENTENCE.split(line) if part.strip()]
