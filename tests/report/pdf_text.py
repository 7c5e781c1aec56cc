"""What a printed report shows, for the PDF tests: the tables of the report's HTML (headers and
cells) and the words of each PDF page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from pypdf import PdfReader

STRIP = ",.;:()[]\"'“”‘’«»!?*"


@dataclass
class HtmlTable:
    caption: str = ""
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


class Tables(HTMLParser):
    """Every <table>: its caption, column headers and body cells, as text."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[HtmlTable] = []
        self._cell: list[str] | None = None
        self._where = ""  # caption | head | body

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append(HtmlTable())
        elif not self.tables:
            return
        elif tag == "caption":
            self._where, self._cell = "caption", []
        elif tag == "thead":
            self._where = "head"
        elif tag == "tbody":
            self._where = "body"
        elif tag == "tr" and self._where == "body":
            self.tables[-1].rows.append([])
        elif tag in ("th", "td"):
            self._cell = []
        elif self._cell is not None:
            self._cell.append(" ")  # <p>, <br>, <span> inside a cell: words stay apart

    def handle_endtag(self, tag: str) -> None:
        if self._cell is None:
            return
        text = " ".join("".join(self._cell).split())
        table = self.tables[-1]
        if tag == "caption":
            table.caption, self._cell = text, None
        elif tag in ("th", "td"):
            if self._where == "head":
                table.headers.append(text)
            elif self._where == "body" and table.rows:
                table.rows[-1].append(text)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_tables(path: Path) -> list[HtmlTable]:
    parser = Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    return [t for t in parser.tables if t.headers]


def words(text: str) -> list[str]:
    """The words a reader sees (punctuation around them dropped; a compound word's parts apart,
    as a line may break after its hyphen)."""
    parts = re.split(r"[\s\-–—]+", text)
    return [w.strip(STRIP) for w in parts if w.strip(STRIP)]


def pdf_pages(path: Path) -> list[tuple[str, int]]:
    """Each page's text and how many images it draws."""
    reader = PdfReader(path)
    return [(page.extract_text() or "", len(page.images)) for page in reader.pages]


def flowing(text: str) -> str:
    """Text with its lines joined (a line broken after a hyphen joined without a space), so a
    phrase wrapped inside its cell reads whole, and one split inside a word does not."""
    return " ".join(re.sub(r"(?<=[-–])\n", "", text).split())
