"""The one rule for spreadsheet cells: text that a spreadsheet would run as a formula is
neutralised in every CSV and XLSX the project writes (OWASP "CSV injection").

A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading apostrophe, so Excel, LibreOffice and Google Sheets show it as text. Numbers stay
numbers: real ints and floats are untouched, and so is text that is only a number (a
longitude such as ``-77.03650``), which a spreadsheet reads as that number and never runs.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")

V = TypeVar("V")


def safe_cell(value: V) -> V | str:
    """``value`` as a spreadsheet may show it without running it."""
    starts_like_a_formula = isinstance(value, str) and value.startswith(FORMULA_STARTS)
    if starts_like_a_formula and not _NUMBER.fullmatch(str(value)):
        return "'" + str(value)
    return value


def safe_row(values: Iterable[V]) -> list[V | str]:
    return [safe_cell(value) for value in values]


class CsvWriter:
    """``csv.writer`` (LF line ends) whose every cell passes through ``safe_cell``.

    Python's writer leaves a bare carriage return unquoted when the line end is LF, and a
    reader (or a spreadsheet) then starts a new row there, so "x\\r=cmd" would smuggle an
    unneutralised cell in: a row with a carriage return has its text cells quoted."""

    def __init__(self, handle: SupportsWrite[str]) -> None:
        self._writer = csv.writer(handle, lineterminator="\n")
        self._quoted = csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)

    def writerow(self, values: Iterable[object]) -> None:
        cells = safe_row(values)
        has_cr = any(isinstance(cell, str) and "\r" in cell for cell in cells)
        (self._quoted if has_cr else self._writer).writerow(cells)

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for values in rows:
            self.writerow(values)
