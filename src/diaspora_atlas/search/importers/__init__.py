"""Importers for the exports a team makes by hand: RIS, MEDLINE (.nbib), Publish or Perish
CSV and a plain CSV of web-search hits.

The store-facing contract (nothing is written unless the whole file parses):

    for record in import_file(path, fmt, run=...):   # parsed whole, then streamed
        write(record)

``import_file`` parses the whole file before it yields the first record: records go to a
temporary spool file as they are read, and only when the last line has been read without
error are they streamed back (collect, then commit). A malformed file raises
MalformedFileError before anything is yielded, so a caller that writes as it iterates
never writes a record of it. Memory stays flat whatever the file's size (the spool is on
disk). ``check_file`` is the same parse without keeping anything (validate a file, count
its records); ``iter_records`` is a single streaming pass for a caller that writes inside
a transaction it rolls back on error.
"""

from __future__ import annotations

import hashlib
import marshal
import tempfile
from collections.abc import Iterator
from dataclasses import fields
from operator import attrgetter
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


SPOOL_BATCH = 1000
_FIELDS = attrgetter(*(f.name for f in fields(SearchRecord)))


def import_file(
    path: Path | str, fmt: str | None = None, *, run: str = "", source: str = ""
) -> Iterator[SearchRecord]:
    """Parse the whole file (MalformedFileError at the first problem, before any record is
    yielded), then stream its records back from a temporary spool."""
    with tempfile.TemporaryFile(prefix="atlas-import-") as spool:
        batch: list[tuple[object, ...]] = []
        for record in iter_records(path, fmt, run=run, source=source):
            batch.append(_FIELDS(record))
            if len(batch) == SPOOL_BATCH:
                marshal.dump(batch, spool)
                batch = []
        marshal.dump(batch, spool)
        spool.seek(0)
        while True:
            try:
                rows = marshal.load(spool)
            except EOFError:
                return
            for row in rows:
                yield SearchRecord(*row)


def check_file(path: Path | str, fmt: str | None = None) -> FileCheck:
    """The validating pass: reads every line, raises MalformedFileError at the first
    problem, and returns the format, the record count and the file's SHA-256."""
    file = Path(path)
    importer = importer_for(file, fmt)
    records = importer.count(file)
    digest, lines = _digest(file)
    return FileCheck(str(file), importer.name, records, lines, digest)


def _digest(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    lines = 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            lines += block.count(b"\n")
    return digest.hexdigest(), lines
