"""The published report: counts agree everywhere; the data package and workbook are valid."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from diaspora_atlas.pipeline import build
from diaspora_atlas.progress import Progress
from diaspora_atlas.protocol import load_protocol

from .pdf_text import HtmlTable, flowing, html_tables, pdf_pages, words

pytestmark = pytest.mark.db


@pytest.fixture(scope="module")
def out(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("report")
    folder = home / "build"
    # Its own home, as the web tests have: the build and the flush never reach the user's store.
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setenv("DIASPORA_ATLAS_HOME", str(home))
        patch.delenv("DIASPORA_ATLAS_DATABASE_URL", raising=False)
        build(folder, Progress(enabled=False), load_protocol("frehywot2019"))
        yield folder
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="module")
def results(out: Path) -> dict[str, Any]:
    return json.loads((out / "results.json").read_text(encoding="utf-8"))


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_output_is_written(out: Path) -> None:
    for name in ("results.json", "organisations.csv", "offices.csv", "organisations.json",
                 "offices.json", "organisations.geojson", "datapackage.json", "CITATION.cff",
                 "tables.xlsx", "report/index.html", "report/report.pdf"):  # fmt: skip
        assert (out / name).stat().st_size > 0, name
    assert (out / "report" / "report.pdf").read_bytes()[:5] == b"%PDF-"
    for key in ("fig1-usa", "fig2-uk", "fig3-aus-can", "origins", "offices", "gaps"):
        assert (out / "report" / "maps" / f"{key}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert (out / "report" / "maps" / f"{key}.svg").read_text(encoding="utf-8").startswith("<")


def test_counts_agree_across_results_tables_exports_and_maps(
    out: Path, results: dict[str, Any]
) -> None:
    total = results["organisations"]["total"]
    by_host = results["organisations"]["by_host"]
    assert len(read_csv(out / "organisations.csv")) == total
    assert len(json.loads((out / "organisations.json").read_text(encoding="utf-8"))) == total
    assert (
        len(json.loads((out / "organisations.geojson").read_text(encoding="utf-8"))["features"])
        == total
    )
    table1 = read_csv(out / "tables" / "table1-organisations.csv")
    assert len(table1) == total
    host_rows = {
        r["Host"]: int(r["Organisations"])
        for r in read_csv(out / "tables" / "organisations-host-continent.csv")
    }
    assert host_rows == {"United States": by_host["USA"], "United Kingdom": by_host["GBR"],
                         "Australia": by_host["AUS"], "Canada": by_host["CAN"]}  # fmt: skip
    origin_rows = read_csv(out / "tables" / "organisations-by-origin.csv")
    assert len(origin_rows) == results["origin_countries"]["total"]
    offices = read_csv(out / "offices.csv")
    assert len(offices) == results["offices"]["bodies"]
    by_type = read_csv(out / "tables" / "offices-type-decade.csv")
    assert sum(int(r["Bodies"]) for r in by_type) == results["offices"]["bodies"]
    table2 = read_csv(out / "tables" / "table2-offices.csv")
    assert len(table2) == results["offices"]["rows"]


def test_maps_show_every_organisation(out: Path, results: dict[str, Any]) -> None:
    by_host = results["organisations"]["by_host"]
    coverage = results["coverage"]["hq_precision"]
    shown: dict[str, int] = {}
    for key, hosts in (
        ("fig1-usa", ["USA"]),
        ("fig2-uk", ["GBR"]),
        ("fig3-aus-can", ["AUS", "CAN"]),
    ):
        svg = (out / "report" / "maps" / f"{key}.svg").read_text(encoding="utf-8")
        pins = {
            kind: svg.count(f'class="pin pin-{kind}"') for kind in ("point", "region", "country")
        }
        assert sum(pins.values()) == sum(by_host[h] for h in hosts), key
        for kind, count in pins.items():
            shown[kind] = shown.get(kind, 0) + count
    # Every organisation once; city-precision HQs outside their host drop to country level.
    assert sum(shown.values()) == results["organisations"]["total"]
    assert shown["point"] <= coverage["city"] and shown["region"] <= coverage.get("region", 0)
    origins = (out / "report" / "maps" / "origins.svg").read_text(encoding="utf-8")
    assert "Nigeria: 4 organisations" in origins


def test_json_export_has_each_focus_with_its_evidence(out: Path) -> None:
    organisations = json.loads((out / "organisations.json").read_text(encoding="utf-8"))
    rows = {r["id"]: r["focuses"] for r in read_csv(out / "organisations.csv")}
    assert {o["id"]: o["focuses"]["focuses"] for o in organisations} == rows
    labelled = [o["focuses"] for o in organisations if o["focuses"]["codes"]]
    assert len(labelled) == 62
    for record in labelled:
        for label in record["labels"]:
            assert label["sentence"] and label["source_url"] and label["method"], label
            assert 0 < label["confidence"] <= 1


def test_data_package_validates(out: Path) -> None:
    from frictionless import Package

    package = Package(str(out / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    names = {r.name for r in package.resources}
    assert {"organisations", "offices", "table1-organisations"} <= names


def test_workbook_holds_the_tables(out: Path, results: dict[str, Any]) -> None:
    from openpyxl import load_workbook

    book = load_workbook(out / "tables.xlsx", read_only=True)
    assert book.sheetnames == ["README", "headline-numbers", "table1-organisations", "table2-offices",
                               "organisations-host-continent", "organisations-by-origin",
                               "offices-type-decade", "since_2019", "gaps-largest", "gaps-lmic-host",
                               "completeness-by-host", "focuses-by-origin"]  # fmt: skip
    gaps = list(book["gaps-largest"].iter_rows(min_row=3, values_only=True))
    ranked = results["gaps"]["largest"]
    assert [r[:4] for r in gaps[:3]] == [
        (g["rank"], g["name"], g["origin_iso3"], g["foreign_trained_doctors_in_hosts_with_figure"])
        for g in ranked[:3]
    ]
    notes = [r[0] for r in gaps[len(ranked) :] if r[0]]
    assert any("non-commercial" in str(n) for n in notes)
    sheet = book["table1-organisations"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    numbered = [r for r in rows if isinstance(r[0], int)]
    assert len(numbered) == results["organisations"]["total"]
    readme = [r[0] for r in book["README"].iter_rows(values_only=True)]
    assert "Licence" in readme and "How to cite" in readme


def test_citation_file(out: Path) -> None:
    import yaml

    cff = yaml.safe_load((out / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset"
    assert cff["references"][0]["doi"] == "10.1186/s12960-019-0393-1"


def test_report_is_self_contained(out: Path) -> None:
    html = (out / "report" / "index.html").read_text(encoding="utf-8")
    assert "<script src=" not in html and '<link rel="stylesheet"' not in html
    assert 'src="http' not in html and "url(http" not in html
    for section in ("summary", "audit", "focuses", "discussion", "gaps", "completeness",
                    "profiles", "maps", "tables", "coverage", "sources", "cite"):  # fmt: skip
        assert f"id='{section}'" in html


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]  # fmt: skip


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
def test_report_opens_offline_in_chromium(out: Path, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    requested: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(offline=True, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.goto((out / "report" / "index.html").as_uri())
        maps = page.locator("figure.map svg")
        assert maps.count() == 7  # six maps and the 2026 run's PRISMA diagram
        for index in range(maps.count()):
            box = maps.nth(index).bounding_box()
            assert box is not None and box["width"] > 500 and box["height"] > 200
        assert (
            page.locator("figure.table table").count() == 9
        )  # the headline numbers, 5 tables, since 2019, gaps, completeness
        assert page.locator("#audit details").count() > 10
        page.screenshot(path=str(tmp_path / "report.png"))
        browser.close()
    assert all(url.startswith(("file://", "data:")) for url in requested), requested


PAGE_TEXT_MIN = 400  # characters on a page without a figure (a third of a page of prose)
SAMPLED_CELLS = 4  # per column: the first, the last and two between


def _checked_words(text: str) -> list[str]:
    """Words a printed cell must show whole: not web addresses or other long tokens, which
    wrap anywhere by design."""
    return [w for w in words(text) if len(w) <= 24 and not any(c in w for c in "/@=")]


def _table_pages(table: HtmlTable, pages: list[str]) -> list[str]:
    """The pages a table is printed on: from the page with its caption, while its repeated
    header row heads the next page."""
    caption = flowing(table.caption)
    start = next((n for n, text in enumerate(pages) if caption in flowing(text)), None)
    if start is None:
        return []
    first = words(table.headers[0])[:1] or words(" ".join(table.headers))[:1]
    found = [pages[start]]
    for text in pages[start + 1 :]:
        if not first or first[0] not in words(text)[:3]:
            break
        found.append(text)
    return found


def test_every_table_column_is_in_the_pdf(out: Path) -> None:
    """Every column's header, and a sample of its cells, is printed in whole words on the
    table's own pages: nothing cut at the page edge, no word split by a too-narrow column."""
    pages = [text for text, _ in pdf_pages(out / "report" / "report.pdf")]
    tables = html_tables(out / "report" / "index.html")
    assert len(tables) >= 10
    missing = []
    for table in tables:
        own = _table_pages(table, pages)
        if not own:
            missing.append(f"{table.caption!r}: its caption is not printed")
            continue
        printed = {w for text in own for w in words(text)}
        phrases = " | ".join(flowing(text) for text in own)
        for index, header in enumerate(table.headers):
            if flowing(header) not in phrases:
                missing.append(f"{table.caption!r}: header {header!r}")
            cells = [r[index] for r in table.rows if index < len(r) and r[index]]
            picks = {cells[round(i * (len(cells) - 1) / (SAMPLED_CELLS - 1))]
                     for i in range(SAMPLED_CELLS)} if cells else set()  # fmt: skip
            for cell in sorted(picks):
                lost = [w for w in _checked_words(cell) if w not in printed]
                if lost:
                    missing.append(f"{table.caption!r}: {header!r} cell {cell[:60]!r} ({lost})")
    assert not missing, f"{len(missing)} not printed whole:\n" + "\n".join(missing[:40])


def test_no_page_is_nearly_blank(out: Path) -> None:
    pages = pdf_pages(out / "report" / "report.pdf")
    thin = [
        f"page {n}: {len(text.strip())} characters"
        for n, (text, images) in enumerate(pages[:-1], 1)  # the last page ends the document
        if not images and len(text.strip()) < PAGE_TEXT_MIN
    ]
    assert not thin, "\n".join(thin)
