"""Reading an export file line by line: UTF-8 (with or without a BOM), line numbers, and a
clear error naming the file and line for anything that is not text."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path

from diaspora_atlas.errors import DataFileError

_JUNK = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_OTHER_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
SAVE_AS_UTF8 = (
    "save the export as UTF-8 (most tools offer it under Export or Save As) and import it again"
)


class MalformedFileError(DataFileError):
    """An import file that cannot be read: names the file, the line and what was expected."""

    def __init__(self, path: Path | str, line: int, problem: str, hint: str | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}, line {line}" if line else self.path
        super().__init__(f"{where}: {problem}", hint or "fix the file or export it again")


def check_encoding(path: Path, head: bytes) -> None:
    """Refuse UTF-16/32 files (their BOM says so) and files that hold NUL bytes up front."""
    for bom, name in _OTHER_BOMS:
        if head.startswith(bom):
            raise MalformedFileError(path, 1, f"the file is {name}, not UTF-8", SAVE_AS_UTF8)
    if b"\x00" in head[:4096]:
        raise MalformedFileError(
            path, _line_of(head, head.index(b"\x00")), "binary data (NUL bytes): not a text export"
        )


def numbered_lines(path: Path) -> Iterator[tuple[int, str]]:
    """``(line number, text without its line break)`` for every line, streaming.

    Accepts LF, CRLF and CR line ends and a UTF-8 byte-order mark. Raises MalformedFileError
    at the first line that is not UTF-8 or holds control characters (binary junk).
    """
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise DataFileError(f"cannot read {path}: {exc.strerror}", "check the path") from exc
    with handle:
        check_encoding(path, handle.read(4096))
        handle.seek(0)
        number = 0
        for raw in handle:
            number += 1
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise MalformedFileError(
                    path,
                    number,
                    f"byte {raw[exc.start]:#04x} at column {exc.start + 1} is not UTF-8",
                    SAVE_AS_UTF8,
                ) from exc
            if number == 1:
                text = text.removeprefix("\ufeff")
            text = text.rstrip("\r\n")
            if "\r" in text:  # old Mac line ends: one physical line holds several
                for part in text.split("\r"):
                    yield _checked(path, number, part)
                continue
            yield _checked(path, number, text)


def _checked(path: Path, number: int, text: str) -> tuple[int, str]:
    junk = _JUNK.search(text)
    if junk:
        raise MalformedFileError(
            path,
            number,
            f"control character {ord(junk.group()):#04x} at column {junk.start() + 1}: "
            "binary data, not a text export",
        )
    return number, text


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def head_text(path: Path, size: int = 65536) -> str:
    """The first ``size`` bytes decoded leniently (for guessing a file's format)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(size)
    except OSError as exc:
        raise DataFileError(f"cannot read {path}: {exc.strerror}", "check the path") from exc
    check_encoding(path, head)
    return head.decode("utf-8", errors="replace").removeprefix("\ufeff")
