"""What the sentence around a name says about its host or origin, when the name does not.

"... the Egyptian Medical Society, whose members work in the UK" gives the host the name
leaves out. Only the sentence holding the name is read, with every organisation name in it
blanked out (a "British Medical Association" beside the name says nothing about its host).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from diaspora_atlas.extract.hostorigin import scan
from diaspora_atlas.extract.namespans import NameSpan
from diaspora_atlas.model import Evidence, Outcome
from diaspora_atlas.refdata import normalise_name
from diaspora_atlas.refdata.aliases import primary_index

_BOUNDARY = re.compile(r"(?<=[.!?;])\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n")
MIGRATION_CUES = (
    "living in",
    "based in",
    "based",
    "immigrant",
    "immigrants",
    "migrant",
    "migrants",
)


def sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence holding ``text[start:end]``."""
    left = 0
    for match in _BOUNDARY.finditer(text, 0, start):
        left = match.end()
    after = _BOUNDARY.search(text, end)
    return left, after.start() if after else len(text)


def _masked(text: str, bounds: tuple[int, int], spans: Sequence[NameSpan]) -> str:
    left, right = bounds
    chars = list(text[left:right])
    for span in spans:
        for i in range(max(span.start, left), min(span.end, right)):
            chars[i - left] = " "
    return "".join(chars)


def context_host(
    text: str,
    bounds: tuple[int, int],
    span: NameSpan,
    spans: Sequence[NameSpan],
    name_evidence: Sequence[Evidence],
    evidence: list[Evidence],
) -> str | None:
    """The one host country the sentence names, if it fits what the name says."""
    if any(e.rule == "host_conflict" for e in name_evidence):
        return None
    regions = [e for e in name_evidence if e.rule == "host_region"]
    masked = _masked(text, bounds, spans)
    hosts = sorted(
        {hit.host.hosts[0] for hit in scan(masked) if hit.host and hit.host.kind == "host"}
    )
    if len(hosts) != 1:
        return None
    host = hosts[0]
    if regions and not all(f" {host}" in e.explanation for e in regions):
        return None
    evidence.append(
        Evidence(
            rule="context_host",
            outcome=Outcome.MATCH,
            score=0.6,
            explanation=f"the sentence around '{span.text}' names host {host} and no other",
            excerpt=text[bounds[0] : bounds[1]].strip()[:300],
        )
    )
    return host


def context_origin(
    text: str,
    bounds: tuple[int, int],
    span: NameSpan,
    diaspora_words: Sequence[str],
    evidence: list[Evidence],
) -> tuple[str, ...]:
    """The one country of origin the sentence names, when it also speaks of migration."""
    masked = _masked(text, bounds, [span])
    folded = f" {normalise_name(masked)} "
    cues = (*diaspora_words, *MIGRATION_CUES)
    if not any(f" {normalise_name(cue)} " in folded for cue in cues):
        return ()
    origins = sorted({m.iso3 for hit in scan(masked) for m in hit.origins})
    if len(origins) != 1:
        return ()
    evidence.append(
        Evidence(
            rule="context_origin",
            outcome=Outcome.MATCH,
            score=0.5,
            explanation=(
                f"the sentence around '{span.text}' speaks of migrants from {origins[0]} "
                "and names no other country of origin"
            ),
            excerpt=text[bounds[0] : bounds[1]].strip()[:300],
        )
    )
    return (origins[0],)


def placed_at_home(
    text: str, bounds: tuple[int, int], span: NameSpan, origin: Sequence[str]
) -> bool:
    """Does the sentence place the organisation in its own country ("... improving the public
    healthcare system in Bangladesh is the goal of the Bangladesh Medical Association")?"""
    masked = normalise_name(_masked(text, bounds, [span]))
    folded = f" {masked} "
    for iso3 in origin:
        for name in country_names(iso3):
            if any(f" {joiner} {name} " in folded for joiner in ("in", "of", "across")):
                return True
    return False


def country_names(iso3: str) -> tuple[str, ...]:
    """The normalised names (not demonyms) by which the alias table knows a country."""
    return tuple(
        key for key, matches in primary_index().items() if any(m.iso3 == iso3 for m in matches)
    )
