"""An evidence card: what is known about one candidate organisation, each piece with its text,
its source and where in it. The criteria are decided from a card alone, so the same rules
screen a search run's organisations, the 2019 inventory and a single name (``screen check``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Quote:
    """A piece of evidence: the text, its source URL and where in the source it is."""

    text: str
    source_url: str = ""
    where: str = ""  # "rec-… (Google, rank 3) characters 120-168", "Table 1 row 22", ...

    def as_json(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class WebsiteCheck:
    """A check of a website by the verifier: its outcome, when, and the address checked."""

    url: str
    outcome: str
    checked_at: str = ""
    explanation: str = ""


@dataclass(frozen=True)
class Card:
    id: str
    name: str
    names: tuple[str, ...] = ()
    host_iso3: str | None = None
    host_evidence: tuple[Quote, ...] = ()
    origin_iso3: tuple[str, ...] = ()
    origin_evidence: tuple[Quote, ...] = ()
    acronym: str = ""
    sites: tuple[str, ...] = ()  # its own web sites (domains) or website addresses
    checks: tuple[WebsiteCheck, ...] = ()
    addresses: tuple[Quote, ...] = ()  # headquarters addresses found, with their pages
    chapter: bool = False
    chapter_of: str = ""  # the organisation it is a chapter of, when known
    chapter_evidence: tuple[Quote, ...] = ()
    chapters_with_sites: tuple[str, ...] = ()  # its chapters' own sites
    excerpts: tuple[Quote, ...] = ()  # the sentences that mention it
    texts: tuple[Quote, ...] = ()  # other texts about it (the paper's notes, page text)
    inventory_match: str = ""
    inventory_name: str = ""
    notes: tuple[str, ...] = field(default=())

    def all_text(self) -> str:
        """Every word of the card, for the reviewers' ranking."""
        parts = [
            self.name,
            *self.names,
            *(q.text for q in self.excerpts),
            *(q.text for q in self.texts),
        ]
        return "\n".join(parts)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)
