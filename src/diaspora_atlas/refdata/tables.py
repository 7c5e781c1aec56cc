"""Reading the bundled CSV tables, turning every defect into a DataFileError."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.refdata.paths import refdata_dir

T = TypeVar("T")

REPAIR_HINT = (
    "re-run `python scripts/derive_refdata.py --shared ../shared` "
    "or restore the file from git (`git checkout -- data/refdata/`)"
)


def table_path(filename: str) -> Path:
    return refdata_dir() / filename


def data_error(path: Path, problem: str, hint: str = REPAIR_HINT) -> DataFileError:
    return DataFileError(f"reference table {path} {problem}", hint)


def read_rows(filename: str, columns: Sequence[str]) -> list[dict[str, str]]:
    """All rows of a table in ``data/refdata``; the header must contain ``columns``."""
    return read_table(table_path(filename), columns, REPAIR_HINT)


def read_table(path: Path, columns: Sequence[str], hint: str) -> list[dict[str, str]]:
    """All rows of a bundled table as dicts; every defect becomes a DataFileError with ``hint``."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [c for c in columns if c not in header]
            if missing:
                raise data_error(path, f"lacks column(s) {', '.join(missing)}", hint)
            rows: list[dict[str, str]] = []
            for row in reader:
                if None in row or any(row[c] is None for c in columns):
                    raise data_error(
                        path,
                        f"is corrupted: line {reader.line_num} has the wrong number of fields",
                        hint,
                    )
                rows.append(row)
    except FileNotFoundError as exc:
        raise data_error(path, "is missing", hint) from exc
    except OSError as exc:
        raise data_error(path, f"cannot be read ({exc.strerror or exc})", hint) from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise data_error(path, f"is not valid UTF-8 CSV ({exc})", hint) from exc
    if not rows:
        raise data_error(path, "has no data rows", hint)
    return rows


def parse_rows(
    filename: str, columns: Sequence[str], parse: Callable[[dict[str, str]], T]
) -> list[T]:
    """Read a table of ``data/refdata`` and convert each row with ``parse``."""
    return parse_table(table_path(filename), columns, parse, REPAIR_HINT)


def parse_table(
    path: Path, columns: Sequence[str], parse: Callable[[dict[str, str]], T], hint: str
) -> list[T]:
    """Read a table and convert each row with ``parse``.

    ``parse`` raises ValueError (or KeyError) for a bad row; that becomes a DataFileError
    naming the file and the line.
    """
    result: list[T] = []
    for number, row in enumerate(read_table(path, columns, hint), start=2):
        try:
            result.append(parse(row))
        except (ValueError, KeyError) as exc:
            raise data_error(path, f"is corrupted: line {number}: {exc}", hint) from exc
    return result


def require(condition: bool, message: str) -> None:
    """Raise ValueError(message) unless ``condition`` holds (for use inside ``parse``)."""
    if not condition:
        raise ValueError(message)
