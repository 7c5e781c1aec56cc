"""What the JSON connectors share: reading fields of an answer defensively and making a
record of one hit."""

from __future__ import annotations

from datetime import date

from diaspora_atlas.model.records import SearchRecord
from diaspora_atlas.search.connectors.base import Request
from diaspora_atlas.search.identifiers import normalise_doi, normalise_pmid, parse_year


def text(value: object) -> str:
    return value.strip() if isinstance(value, str) else "" if value is None else str(value)


def whole(value: object) -> int | None:
    """A count the service sends as a number or a string of digits."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    return int(value) if isinstance(value, str) and value.strip().isdigit() else None


def record(engine: str, request: Request, rank: int, **fields: str) -> SearchRecord:
    """One hit; ``record_id`` falls back to the DOI, the PMID, the URL, then the rank."""
    doi = normalise_doi(fields.get("doi", ""))
    pmid = normalise_pmid(fields.get("pmid", ""))
    url = fields.get("url", "")
    return SearchRecord(
        source=engine,
        run=request.run,
        record_id=fields.get("id") or doi or pmid or url or f"rank-{rank}",
        title=fields.get("title", ""),
        abstract=fields.get("abstract", ""),
        year=parse_year(fields.get("year", "")),
        journal=fields.get("journal", ""),
        doi=doi,
        pmid=pmid,
        url=url,
        query=request.query,
        rank=rank,
        date=date.today().isoformat(),
        fmt="api",
    )
