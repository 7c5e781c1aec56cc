"""The recorded organisation pages (tests/fixtures/pages): every expected fact is on its page."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
FOLDERS = sorted(p for p in FIXTURES.iterdir() if p.is_dir())
ADDRESS_PARTS = ("street", "city", "region", "postcode", "country")
EXPECTED_KEYS = {"address", "email", "phone", "founded_year", "social", "name"}


def load(folder: Path) -> tuple[dict[str, Any], str]:
    doc = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    page = (folder / "page.html").read_text(encoding="utf-8")
    return doc, page


def page_text(page: str) -> str:
    """The visible text, whitespace folded (line breaks inside an address block become spaces)."""
    without_comments = re.sub(r"<!--.*?-->", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", without_comments)).split())


def test_there_are_pages_of_at_least_twenty_organisations() -> None:
    rows = {load(folder)[0]["paper_row"] for folder in FOLDERS}
    assert len(rows) >= 20
    assert all(1 <= row <= 89 for row in rows)


def test_each_page_says_how_it_was_made() -> None:
    for folder in FOLDERS:
        doc, page = load(folder)
        assert folder.name.startswith(f"{doc['paper_row']}-"), folder.name
        assert doc["url"].startswith(("http://", "https://")), folder.name
        assert doc["reconstructed"] is True and "search tool" in doc["retrieved_from"]
        assert date.fromisoformat(doc["looked_up_on"])
        assert set(doc["expected"]) - {"other_addresses"} == EXPECTED_KEYS, folder.name
        assert "<title>" in page and "Reconstructed from the stored text copy" in page


def test_every_expected_fact_is_on_its_page() -> None:
    for folder in FOLDERS:
        doc, page = load(folder)
        text, expected = page_text(page), doc["expected"]
        addresses = [expected["address"], *expected.get("other_addresses", [])]
        values = [a[part] for a in addresses if a for part in ADDRESS_PARTS if a[part]]
        values += [*expected["email"], *expected["phone"], *expected["social"]]
        values += [str(expected["founded_year"])] if expected["founded_year"] else []
        values += [expected["name"]] if expected["name"] else []
        for value in values:
            assert value in text, (folder.name, value)


def test_the_readme_lists_every_page() -> None:
    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")
    for folder in FOLDERS:
        assert f"`{folder.name}`" in readme and load(folder)[0]["url"] in readme, folder.name
