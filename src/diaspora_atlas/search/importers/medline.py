"""MEDLINE / PubMed format (``.nbib``, PubMed's "Save -> PubMed format" ``.txt``), streamed.

The format (NLM's MEDLINE display format): a tag of up to four characters padded to four
columns, a hyphen and a space (``PMID- 30776994``, ``TI  - Title``), continuation lines
indented six spaces, records separated by blank lines. The ``nbib`` package reads the same
format but only as one string held whole, so this reader streams line by line; the tests
compare the two on real exports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from diaspora_atlas.model.records import SearchRecord
from diaspora_atlas.search.identifiers import normalise_doi, normalise_pmid, parse_year
from diaspora_atlas.search.importers.base import Origin
from diaspora_atlas.search.importers.lines import MalformedFileError, text_lines

FORMAT = "nbib"
PUBMED_URL = "https://pubmed.ncbi.nlm.nih.gov/{}/"
_TAG = re.compile(r"([A-Z][A-Z0-9]{1,3}) {0,3}-(?: (.*)|\s*)$")
HINT = (
    "each line of a MEDLINE record is a tag padded to four columns, '- ' and a value "
    "('TI  - Title'), or a continuation indented six spaces; records end at a blank line"
)


@dataclass(frozen=True, slots=True)
class MedlineRecord:
    line: int
    fields: dict[str, list[str]]

    def first(self, *tags: str) -> str:
        for tag in tags:
            for value in self.fields.get(tag, ()):
                if value.strip():
                    return value.strip()
        return ""

    def all(self, tag: str) -> tuple[str, ...]:
        return tuple(v.strip() for v in self.fields.get(tag, ()) if v.strip())


def read(path: Path, lines: Iterable[str]) -> Iterator[MedlineRecord]:
    """Every record in order; MalformedFileError at the first line that breaks the format."""
    fields: dict[str, list[str]] | None = None
    parts: list[str] = []  # the value being read: its first line and continuation lines
    tag = ""
    start = count = 0
    for number, text in enumerate(lines, 1):
        if text[:1] in (" ", "\t"):
            if not text.strip():
                text = ""  # a blank line made of spaces ends the record
            elif fields is None:
                raise MalformedFileError(path, number, "a continuation line before any tag", HINT)
            else:
                parts.append(text.strip())
                continue
        if not text:
            if fields is not None:
                fields.setdefault(tag, []).append(" ".join(parts))
                count += 1
                yield _finished(path, start, fields)
            fields, parts = None, []
            continue
        # Fast path for the usual four-column tag ("TI  - ", "PMID- "); the regex for the rest.
        if text[4:6] == "- " and text[:1].isupper() and text[:4].rstrip().isalnum():
            new_tag, value = text[:4].rstrip(), text[6:]
        else:
            match = _TAG.match(text)
            if match is None:
                raise MalformedFileError(path, number, f"bad tag line {text[:40]!r}", HINT)
            new_tag, value = match.group(1), match.group(2) or ""
        if fields is None:
            fields, start = {}, number
        elif parts:
            fields.setdefault(tag, []).append(" ".join(parts))
        tag, parts = new_tag, [value.rstrip()]
    if fields is not None:
        fields.setdefault(tag, []).append(" ".join(parts))
        count += 1
        yield _finished(path, start, fields)
    if count == 0:
        raise MalformedFileError(path, 0, "no MEDLINE record found (expected 'PMID- ')", HINT)


def _finished(path: Path, start: int, fields: dict[str, list[str]]) -> MedlineRecord:
    if "PMID" not in fields and "TI" not in fields:
        raise MalformedFileError(
            path, start, "the record starting here has neither a 'PMID- ' nor a 'TI  - ' line", HINT
        )
    return MedlineRecord(start, fields)


def _doi(record: MedlineRecord) -> str:
    for value in (*record.all("LID"), *record.all("AID")):
        if value.endswith("[doi]") or "doi.org/" in value:
            return normalise_doi(value)
    return ""


def _source_name(record: MedlineRecord, pmid: str) -> str:
    owner = record.first("OWN")
    if pmid or not owner:
        return "pubmed"
    return "_".join(owner.lower().split())  # e.g. ERIC's exports: "OWN - ERIC"


def to_record(record: MedlineRecord, origin: Origin, number: int) -> SearchRecord:
    pmid = normalise_pmid(record.first("PMID"))
    return SearchRecord(
        source=origin.source or _source_name(record, pmid),
        run=origin.run,
        record_id=pmid or record.first("OID", "AN") or origin.fallback_id(number),
        title=record.first("TI", "BTI"),
        abstract=record.first("AB"),
        authors=record.all("FAU") or record.all("AU"),
        year=parse_year(record.first("DP", "DEP")),
        journal=record.first("JT", "TA"),
        doi=_doi(record),
        pmid=pmid,
        url=PUBMED_URL.format(pmid) if pmid else "",
        date=record.first("DP"),
        kind=record.first("PT"),
        fmt=FORMAT,
        file=str(origin.path),
        line=record.line,
        keywords=record.all("OT") or record.all("MH"),
    )


class MedlineImporter:
    name: str = FORMAT
    extensions: tuple[str, ...] = (".nbib", ".medline")

    def count(self, path: Path) -> int:
        return sum(1 for _ in read(path, text_lines(path)))

    def records(self, origin: Origin) -> Iterator[SearchRecord]:
        for number, record in enumerate(read(origin.path, text_lines(origin.path)), 1):
            yield to_record(record, origin, number)

    def sniff(self, head: str) -> bool:
        for line in head.splitlines():
            if line.strip():
                return bool(re.match(r"(PMID|OWN |STAT|TI  |PMC )- ", line))
        return False
