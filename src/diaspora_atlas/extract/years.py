"""Parse a 'Year established' cell into dated events.

"2002" -> established 2002; "1978, renamed 1980" -> established 1978 and renamed 1980;
"Late 1990's" -> established in a range (1995-1999), marked as inferred from the wording.
"""

from __future__ import annotations

import re

from diaspora_atlas.model import DatedEvent, EventKind

# Where in a decade a vague qualifier points: (first year offset, last year offset).
DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (5, 9)}
NO_DATE = {"", "not available", "n/a", "unknown"}

_EXACT = re.compile(
    r"^(?:(?P<kind>established|founded|created|renamed|merged|abolished)\s+)?"
    r"(?P<year>1[89]\d\d|20\d\d)$"
)
_DECADE = re.compile(r"^(?P<part>early|mid|late)[\s-]*(?P<decade>1[89]\d0|20\d0)[’']?s$")


def parse_year_text(text: str) -> list[DatedEvent]:
    """Every event the text states, in order; an unparseable text raises ValueError."""
    cleaned = " ".join(text.replace("\xa0", " ").split()).strip().rstrip(".")
    if cleaned.lower() in NO_DATE:
        return []
    events: list[DatedEvent] = []
    for index, part in enumerate(p.strip() for p in cleaned.split(",")):
        default_kind = EventKind.ESTABLISHED if index == 0 else None
        events.append(_parse_part(part, default_kind, cleaned))
    return events


def _parse_part(part: str, default_kind: EventKind | None, whole: str) -> DatedEvent:
    lowered = part.lower()
    exact = _EXACT.match(lowered)
    if exact:
        kind = _kind(exact["kind"], default_kind, whole)
        year = int(exact["year"])
        return DatedEvent(kind, year, year, f"'{part}' in '{whole}' read as {kind.value} {year}")
    decade = _DECADE.match(lowered)
    if decade and default_kind is not None:
        start, end = DECADE_PARTS[decade["part"]]
        base = int(decade["decade"])
        return DatedEvent(
            default_kind,
            base + start,
            base + end,
            f"inferred: '{part}' read as the years {base + start}-{base + end}",
        )
    raise ValueError(f"cannot read a year in {part!r} (from {whole!r})")


def _kind(word: str | None, default_kind: EventKind | None, whole: str) -> EventKind:
    if word in ("established", "founded", "created"):
        return EventKind.ESTABLISHED
    if word:
        return EventKind(word)
    if default_kind is None:
        raise ValueError(f"a later year in {whole!r} does not say what happened")
    return default_kind
