"""Reading an export file line by line: UTF-8 (with or without a BOM), line numbers, and a
clear error naming the file and line for anything that is not text."""

from __future__ import annotations

import codecs
import io
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


BLOCK = 1 << 18  # 256 KiB: large enough that the per-block cost vanishes


def text_lines(path: Path, *, keepends: bool = False) -> Iterator[str]:
    """Every line of the file, streaming in 256 KiB blocks (line ``n`` is the n-th item).

    Accepts LF, CRLF and CR line ends and a UTF-8 byte-order mark. Raises MalformedFileError
    at the first line that is not UTF-8 or holds control characters (binary junk). Decoding,
    the junk check and the splitting run over whole blocks, so the cost per line is small.
    """
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise DataFileError(f"cannot read {path}: {exc.strerror}", "check the path") from exc
    with handle:
        check_encoding(path, handle.read(4096))
        handle.seek(0)
        reader = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="strict", newline=None)
        done = 0  # lines yielded so far
        rest = ""
        while True:
            try:
                block = reader.read(BLOCK)
            except UnicodeDecodeError:
                raise _decode_error(path) from None
            if not block:
                break
            block = rest + block
            junk = _JUNK.search(block)
            if junk:
                number = done + block.count("\n", 0, junk.start()) + 1
                raise _junk_error(path, number, junk.group())
            lines = block.split("\n")
            rest = lines.pop()
            done += len(lines)
            if keepends:
                yield from (f"{line}\n" for line in lines)
            else:
                yield from lines
        if rest:
            yield rest + ("\n" if keepends else "")


def _junk_error(path: Path, number: int, char: str) -> MalformedFileError:
    return MalformedFileError(
        path,
        number,
        f"control character {ord(char):#04x}: binary data, not a text export",
    )


def _decode_error(path: Path) -> MalformedFileError:
    """Find the first line that is not UTF-8 (only on the error path: reads the file again)."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                return MalformedFileError(
                    path,
                    number,
                    f"byte {raw[exc.start]:#04x} at column {exc.start + 1} is not UTF-8",
                    SAVE_AS_UTF8,
                )
    return MalformedFileError(path, 0, "the file is not UTF-8", SAVE_AS_UTF8)


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
