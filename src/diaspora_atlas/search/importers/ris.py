"""RIS (Scopus, LexisNexis/Nexis Uni, Zotero, EndNote, Ovid, ProQuest ...), streamed.

``rispy`` is the field's maintained RIS library, but ``rispy.load`` builds the whole file as
one list and skips what it cannot read without saying where, so the reading here is a
line-based streaming reader that follows the RIS specification (a record runs from
``TY  - `` to ``ER  - ``; a tag is two characters, two spaces, a hyphen and a space; text
between records is ignored, lines without a tag continue the previous value) and reports the
file and line of anything else. Tags are named with rispy's own mapping, so a record's
fields mean what they mean in rispy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import rispy

from diaspora_atlas.model.records import SearchRecord
from diaspora_atlas.search.identifiers import normalise_doi, normalise_pmid, parse_year
from diaspora_atlas.search.importers.base import Origin
from diaspora_atlas.search.importers.lines import MalformedFileError, text_lines

FORMAT = "ris"
_TAG = re.compile(r"([A-Z][A-Z0-9])  -(?: (.*)|\s*)$")
# A line that starts like a tag but breaks the "XX  - " layout (a bad or mangled tag).
_TAG_LIKE = re.compile(r"[A-Z][A-Z0-9]{1,3} {0,3}-(?: |$)|[a-z][a-z0-9]  - ")
PUBMED_SOURCES = frozenset({"pubmed", "medline", "ovid_medline", "nlm"})
HINT = "each line of a RIS record is 'XX  - value' (two-character tag, two spaces, hyphen, space)"


@dataclass(frozen=True, slots=True)
class RisRecord:
    """One record as rispy names it: rispy key -> the values in file order."""

    line: int
    fields: dict[str, list[str]]

    def first(self, *keys: str) -> str:
        for key in keys:
            for value in self.fields.get(key, ()):
                if value.strip():
                    return value.strip()
        return ""

    def all(self, *keys: str) -> tuple[str, ...]:
        return tuple(v.strip() for key in keys for v in self.fields.get(key, ()) if v.strip())


def read(path: Path, lines: Iterable[str]) -> Iterator[RisRecord]:
    """Every record of a RIS file in order; MalformedFileError at the first bad line."""
    names = rispy.TAG_KEY_MAPPING
    fields: dict[str, list[str]] | None = None
    start = count = 0
    last: list[str] | None = None
    for number, text in enumerate(lines, 1):
        # Fast path for the usual "XX  - value" line; the regex settles the rest.
        head = text[:2]
        if text[2:5] == "  -" and text[5:6] in " " and head.isalnum() and head.isupper():
            tag, value = head, text[6:]
        else:
            match = _TAG.match(text)
            tag, value = (match.group(1), match.group(2) or "") if match else ("", "")
        if not tag:
            if fields is None:
                continue  # text between records (e.g. "Record #1 of 2", "Provider: ...")
            if _TAG_LIKE.match(text):
                raise MalformedFileError(path, number, f"bad tag line {text[:40]!r}", HINT)
            if last is not None and text.strip():
                last[-1] = f"{last[-1].rstrip()} {text.strip()}"
            continue
        if fields is None:
            if tag != "TY":
                raise MalformedFileError(
                    path, number, f"expected 'TY  - ' to start a record, found tag {tag}", HINT
                )
            fields, start, last = {"type_of_reference": [value]}, number, None
            continue
        if tag == "ER":
            count += 1
            yield RisRecord(start, fields)
            fields = last = None
            continue
        if tag == "TY":
            raise MalformedFileError(
                path, number, f"'TY' before the 'ER  - ' that ends the record of line {start}", HINT
            )
        last = fields.setdefault(names.get(tag, tag), [])
        last.append(value)
    if fields is not None:
        raise MalformedFileError(
            path, start, "the record starting here has no 'ER  - ' (file truncated?)", HINT
        )
    if count == 0:
        raise MalformedFileError(path, 0, "no RIS record found (expected 'TY  - ')", HINT)


def _source_name(record: RisRecord, origin: Origin) -> str:
    if origin.source:
        return origin.source
    database = record.first("name_of_database", "database_provider")
    return "_".join(database.lower().split()) if database else "ris"


def to_record(record: RisRecord, origin: Origin, number: int) -> SearchRecord:
    source = _source_name(record, origin)
    accession = record.first("accession_number")
    pmid = normalise_pmid(accession) if source in PUBMED_SOURCES else ""
    return SearchRecord(
        source=source,
        run=origin.run,
        record_id=record.first("id") or accession or origin.fallback_id(number),
        title=record.first("title", "primary_title", "translated_title", "short_title"),
        abstract=record.first("abstract", "notes_abstract"),
        authors=record.all("authors", "first_authors"),
        year=parse_year(record.first("year", "publication_year", "date")),
        journal=record.first(
            "secondary_title", "journal_name", "alternate_title3", "alternate_title1"
        ),
        doi=normalise_doi(record.first("doi")),
        pmid=pmid,
        url=record.first("urls", "file_attachments2"),
        date=record.first("date", "access_date"),
        kind=record.first("type_of_reference"),
        fmt=FORMAT,
        file=str(origin.path),
        line=record.line,
        keywords=record.all("keywords"),
    )


class RisImporter:
    name: str = FORMAT
    extensions: tuple[str, ...] = (".ris",)

    def count(self, path: Path) -> int:
        return sum(1 for _ in read(path, text_lines(path)))

    def records(self, origin: Origin) -> Iterator[SearchRecord]:
        for number, record in enumerate(read(origin.path, text_lines(origin.path)), 1):
            yield to_record(record, origin, number)

    def sniff(self, head: str) -> bool:
        return any(_TAG.match(line) and line.startswith("TY") for line in head.splitlines())
