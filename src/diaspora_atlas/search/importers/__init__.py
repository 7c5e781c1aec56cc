"""Importers for the exports a team makes by hand: RIS, MEDLINE (.nbib), Publish or Perish
CSV and a plain CSV of web-search hits.

The store-facing contract (nothing is written unless the whole file parses):

    check = check_file(path, fmt)          # pass 1: validate every line, count records
    for record in import_file(path, fmt, run=..., checked=check):   # pass 2: stream them
        write(record)

``import_file`` runs ``check_file`` itself unless handed its result, so a caller that
writes as it iterates never writes a record of a malformed file. Both passes stream: memory
stays flat whatever the file's size.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from diaspora_atlas.errors import UsageError
from diaspora_atlas.model.records import FileCheck, SearchRecord
from diaspora_atlas.search.importers.base import Importer, Origin
from diaspora_atlas.search.importers.lines import MalformedFileError, head_text
from diaspora_atlas.search.importers.medline import MedlineImporter
from diaspora_atlas.search.importers.pop import PopImporter
from diaspora_atlas.search.importers.ris import RisImporter
from diaspora_atlas.search.importers.webcsv import WebCsvImporter

__all__ = [
    "FORMATS",
    "FileCheck",
    "MalformedFileError",
    "Origin",
    "check_file",
    "guess_format",
    "import_file",
    "iter_records",
]

# Sniffing order matters: RIS before MEDLINE (a RIS tag line also fits MEDLINE's layout),
# Publish or Perish before the plain web CSV.
FORMATS: dict[str, Importer] = {
    importer.name: importer
    for importer in (RisImporter(), MedlineImporter(), PopImporter(), WebCsvImporter())
}


def importer_for(path: Path, fmt: str | None) -> Importer:
    name = fmt or guess_format(path)
    if name not in FORMATS:
        raise UsageError(f"unknown import format {name!r}", "choose one of " + ", ".join(FORMATS))
    return FORMATS[name]


def guess_format(path: Path) -> str:
    """The format of an export, from its first bytes (and its extension to break ties)."""
    head = head_text(path)
    fitting = [name for name, importer in FORMATS.items() if importer.sniff(head)]
    by_extension = [n for n in fitting if path.suffix.lower() in FORMATS[n].extensions]
    if fitting:
        return (by_extension or fitting)[0]
    raise MalformedFileError(
        path,
        0,
        "cannot tell the format from the first lines (not RIS, MEDLINE, Publish or Perish "
        "CSV or a web-search CSV)",
        "give --format ris|nbib|pop|csv, or check that this is the export file",
    )


def iter_records(
    path: Path | str, fmt: str | None = None, *, run: str = "", source: str = ""
) -> Iterator[SearchRecord]:
    """One streaming pass: records as they are read; raises at the first bad line (records
    before it have been yielded, so use this inside a transaction or after check_file)."""
    file = Path(path)
    yield from importer_for(file, fmt).records(Origin(file, run, source))


def check_file(path: Path | str, fmt: str | None = None) -> FileCheck:
    """The validating pass: reads every line, raises MalformedFileError at the first
    problem, and returns the format, the record count and the file's SHA-256."""
    file = Path(path)
    importer = importer_for(file, fmt)
    records = importer.count(file)
    digest, lines = _digest(file)
    return FileCheck(str(file), importer.name, records, lines, digest)


def import_file(
    path: Path | str,
    fmt: str | None = None,
    *,
    run: str = "",
    source: str = "",
    checked: FileCheck | None = None,
) -> Iterator[SearchRecord]:
    """Validate the whole file first (unless ``checked`` is given), then stream its records."""
    file = Path(path)
    check = checked or check_file(file, fmt)
    yield from iter_records(file, check.fmt, run=run, source=source)


def _digest(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    lines = 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            lines += block.count(b"\n")
    return digest.hexdigest(), lines
