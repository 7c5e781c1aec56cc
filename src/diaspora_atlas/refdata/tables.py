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


def data_error(path: Path, problem: str) -> DataFileError:
    return DataFileError(f"reference table {path} {problem}", REPAIR_HINT)


def read_rows(filename: str, columns: Sequence[str]) -> list[dict[str, str]]:
    """All rows of a bundled table as dicts; the header must contain ``columns``."""
    path = table_path(filename)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [c for c in columns if c not in header]
            if missing:
                raise data_error(path, f"lacks column(s) {', '.join(missing)}")
            rows: list[dict[str, str]] = []
            for row in reader:
                if None in row or any(row[c] is None for c in columns):
                    raise data_error(
                        path, f"is corrupted: line {reader.line_num} has the wrong number of fields"
                    )
                rows.append(row)
    except FileNotFoundError as exc:
        raise data_error(path, "is missing") from exc
    except OSError as exc:
        raise data_error(path, f"cannot be read ({exc.strerror or exc})") from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise data_error(path, f"is not valid UTF-8 CSV ({exc})") from exc
    if not rows:
        raise data_error(path, "has no data rows")
    return rows


def parse_rows(
    filename: str, columns: Sequence[str], parse: Callable[[dict[str, str]], T]
) -> list[T]:
    """Read a table and convert each row with ``parse``.

    ``parse`` raises ValueError (or KeyError) for a bad row; that becomes a DataFileError
    naming the file and the line.
    """
    result: list[T] = []
    for number, row in enumerate(read_rows(filename, columns), start=2):
        try:
            result.append(parse(row))
        except (ValueError, KeyError) as exc:
            raise data_error(table_path(filename), f"is corrupted: line {number}: {exc}") from exc
    return result


def require(condition: bool, message: str) -> None:
    """Raise ValueError(message) unless ``condition`` holds (for use inside ``parse``)."""
    if not condition:
        raise ValueError(message)
