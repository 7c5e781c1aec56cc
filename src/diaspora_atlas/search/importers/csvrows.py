"""Streaming CSV rows with the line each starts on, a checked header, and errors that name
the file and line (bad quoting, a row with the wrong number of fields)."""

from __future__ import annotations

import csv
from collections.abc import Collection, Iterator
from pathlib import Path

from diaspora_atlas.search.importers.lines import MalformedFileError, text_lines

QUOTING_HINT = "fields holding commas, quotes or line breaks must be quoted, quotes doubled"


def header_of(head: str) -> list[str]:
    """The first row of a CSV text, folded for comparing column names."""
    first = next(csv.reader([head.split("\n", 1)[0]]), [])
    return [name.strip().lower() for name in first]


def rows(
    path: Path, required: Collection[str], expected: str
) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line, row)`` with lower-cased column names; raises at the header when a required
    column is missing and at any row that is not well-formed CSV of the header's width."""
    reader = csv.reader(text_lines(path, keepends=True), strict=True)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        raise MalformedFileError(path, 1, f"the file is empty (expected {expected})") from None
    except csv.Error as exc:
        raise MalformedFileError(path, 1, f"bad CSV header: {exc}", QUOTING_HINT) from exc
    missing = [name for name in required if name not in header]
    if missing:
        raise MalformedFileError(
            path,
            1,
            f"missing column(s) {', '.join(missing)}; found {', '.join(header) or 'none'}",
            f"the header must name {expected}",
        )
    width = len(header)
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise MalformedFileError(
                path, reader.line_num, f"bad CSV: {exc}", QUOTING_HINT
            ) from exc
        if row and len(row) != width and any(cell.strip() for cell in row):
            raise MalformedFileError(
                path, start, f"{len(row)} fields where the header has {width}", QUOTING_HINT
            )
        if any(cell.strip() for cell in row):
            yield start, dict(zip(header, row, strict=False))
        start = reader.line_num + 1
