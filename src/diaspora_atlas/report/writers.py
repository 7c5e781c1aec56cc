"""Tables as files: one CSV per table, one XLSX workbook (a sheet each plus README), HTML."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as OpenpyxlCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from diaspora_atlas.report.cells import CsvWriter, safe_cell
from diaspora_atlas.report.tables import Cell, Table


def write_csvs(tables: Sequence[Table], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for table in tables:
        path = folder / f"{table.key}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = CsvWriter(handle)
            writer.writerow(table.columns)
            writer.writerows(table.rows)
        paths.append(path)
    return paths


def write_xlsx(tables: Sequence[Table], path: Path, readme: Sequence[tuple[str, str]]) -> Path:
    """A README sheet (sources, licence, how to cite) and one sheet per table."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "README"
    for row, (label, text) in enumerate(readme, start=1):
        _put(sheet, row, 1, label).font = Font(bold=True)
        _put(sheet, row, 2, text).alignment = Alignment(wrap_text=True)
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 110
    for table in tables:
        ws = book.create_sheet(table.key[:31])
        _put(ws, 1, 1, table.title).font = Font(bold=True, size=12)
        for column, name in enumerate(table.columns, start=1):
            _put(ws, 2, column, name).font = Font(bold=True)
        for row, values in enumerate(table.rows, start=3):
            for column, value in enumerate(values, start=1):
                _put(ws, row, column, value)
        for offset, note in enumerate(table.notes):
            _put(ws, 3 + len(table.rows) + 2 * offset + 1, 1, note)
        ws.freeze_panes = "A3"
        for index, name in enumerate(table.columns, start=1):
            longest = max([len(str(name))] + [len(str(r[index - 1] or "")) for r in table.rows])
            ws.column_dimensions[get_column_letter(index)].width = min(60, max(8, longest + 2))
    book.save(path)
    return path


def _put(ws: Worksheet, row: int, column: int, value: Cell) -> OpenpyxlCell:
    """One cell: numbers as numbers, everything else as text (data type "s", never a formula),
    neutralised by the one rule for spreadsheet cells."""
    cell = ws.cell(row=row, column=column, value=safe_cell(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


def column_widths(table: Table) -> list[float]:
    """Each column's share of the width (percent), after its typical text length (its
    longest word, up to 14 letters — a bold header's letters counted wider —, and the cells'
    90th-percentile length, up to 30), so a printed table fits the page and no word is split
    across lines."""
    weights = []
    for index, name in enumerate(table.columns):
        texts = ["" if r[index] is None else str(r[index]) for r in table.rows]
        lengths = sorted(len(t) for t in texts)
        typical = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
        cell = [len(w) for t in texts for w in t.split() if not w.startswith("http")]
        head = [len(w) for w in name.split()]
        longest = max(1.6 * min(14, max(cell, default=1)), 2.4 * min(14, max(head, default=1)))
        weights.append(max(8.0, longest + 4, min(30.0, float(typical))))  # + the padding
    total = sum(weights) or 1.0
    return [round(100 * w / total, 1) for w in weights]


def table_html(table: Table, caption_id: str = "") -> str:
    """An accessible HTML table: caption, scoped headers, notes below."""
    anchor = caption_id or table.key
    cols = "".join(f'<col style="width:{w}%">' for w in column_widths(table))
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in table.columns)
    body = "\n".join(
        "<tr>" + "".join(_cell(v, i == 0) for i, v in enumerate(row)) + "</tr>"
        for row in table.rows
    )
    notes = "".join(f"<p class='note'>{html.escape(n)}</p>" for n in table.notes)
    return (
        f'<figure class="table" id="{anchor}"><div class="scroll"><table>'
        f"<caption>{html.escape(table.title)}</caption><colgroup>{cols}</colgroup>"
        f"<thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table></div>{notes}</figure>"
    )


def _cell(value: object, first: bool) -> str:
    text = "" if value is None else str(value)
    escaped = html.escape(text)
    if text.startswith(("http://", "https://")):
        escaped = f'<a href="{escaped}">{escaped}</a>'
    tag = "th scope='row'" if first else "td"
    klass = " class='num'" if isinstance(value, int | float) else ""
    return f"<{tag}{klass}>{escaped}</{tag.split()[0]}>"
