"""Does a candidate mention name an organisation already in an inventory?

Pure: the caller passes the inventory's organisations as ``OrgEntry`` values. A mention
matches an organisation when the names agree — the normalised name equals its name or one of
its aliases (score 1.0), its acronym is one the organisation is known by (0.9), or the names
are near-equal by rapidfuzz (at least ``FUZZY_MIN``), or, where both sides name the same host,
the names are equal once the host's words are left out (a name whose host is not known must
itself name the organisation's host or a region holding it: "... of North America") ("Nepalese Doctors' Association in the
UK" is the "Nepalese Doctors’ Association in the United Kingdom"; 0.95) — *and* host and
origin agree: where
both sides know the host it must be the same, where both know origins they must share one.
Without that agreement "Sudanese American Medical Association" would match the Sudanese
American Physicians Association, or one PAMA the other. The best match wins; ties go to the
stronger kind (exact, alias, acronym, fuzzy), and an ambiguous tie is no match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from diaspora_atlas.extract.hostorigin import host_phrases
from diaspora_atlas.refdata.normalise import acronym_key, normalise_name

FUZZY_MIN = 0.92
ACRONYM_SCORE = 0.9
HOST_WORDS_SCORE = 0.95
_LINKING_WORDS = frozenset({"in", "the", "of", "and"})
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&.\-]*[A-Z0-9]$")
_KINDS = ("exact", "alias", "host_words", "acronym", "fuzzy")


@dataclass(frozen=True)
class OrgEntry:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    host_iso3: str = ""
    origin_iso3: tuple[str, ...] = ()

    @property
    def acronyms(self) -> tuple[str, ...]:
        """The aliases that are acronyms ('AAPI', 'CAMDOC-UK'; 'BMA UK' gives 'BMA')."""
        found = []
        for alias in self.aliases:
            first = re.sub(r"\([^)]*\)", " ", alias).split()
            if first and _ACRONYM.match(first[0]) and first[0].upper() == first[0]:
                found.append(first[0])
        return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class InventoryMatch:
    org_id: str
    org_name: str
    kind: str  # exact | alias | acronym | fuzzy
    score: float
    evidence: str


def _agree(entry: OrgEntry, host: str | None, origins: Sequence[str]) -> str:
    """Why host and origin do not agree, or ``""`` when they do (or cannot be compared)."""
    if host and entry.host_iso3 and host != entry.host_iso3:
        return f"host {host} is not the organisation's {entry.host_iso3}"
    if origins and entry.origin_iso3 and not set(origins) & set(entry.origin_iso3):
        return f"origin {','.join(origins)} is not the organisation's {','.join(entry.origin_iso3)}"
    return ""


@cache
def _host_words(host_iso3: str) -> frozenset[tuple[str, ...]]:
    """The phrases that name a host (``data/rules/host_phrases.csv``), as word tuples; those
    matched only in capitals ("US") are left out: folded, they are ordinary words."""
    return frozenset(
        tuple(key.split())
        for key, phrase in host_phrases().items()
        if host_iso3 in phrase.hosts and not phrase.match_case
    )


def without_host(folded: str, host_iso3: str) -> str:
    """A folded name without the words naming ``host_iso3`` and the words linking them."""
    words, phrases = folded.split(), _host_words(host_iso3)
    kept: list[str] = []
    i = 0
    while i < len(words):
        span = max((len(p) for p in phrases if tuple(words[i : i + len(p)]) == p), default=0)
        if span:
            i += span
            continue
        kept.append(words[i])
        i += 1
    return " ".join(w for w in kept if w not in _LINKING_WORDS)


def _same_without_host(entry: OrgEntry, folded: str, host: str | None) -> str:
    """The inventory name equal to ``folded`` once both lose the host's words, or ""."""
    if not folded or not entry.host_iso3 or (host and host != entry.host_iso3):
        return ""
    bare = without_host(folded, entry.host_iso3)
    if not host and bare == " ".join(w for w in folded.split() if w not in _LINKING_WORDS):
        return ""  # no host of its own and no word naming the organisation's: cannot tell
    if len(bare.split()) < 2:
        return ""
    for known in (entry.name, *entry.aliases):
        if bare == without_host(normalise_name(known), entry.host_iso3):
            return known
    return ""


def _name_match(
    entry: OrgEntry, folded: str, acronym: str, host: str | None = None
) -> tuple[str, float, str] | None:
    if folded and folded == normalise_name(entry.name):
        return "exact", 1.0, f"the name is “{entry.name}”"
    for alias in entry.aliases:
        if folded and folded == normalise_name(alias):
            return "alias", 1.0, f"“{alias}” is one of its names"
    same = _same_without_host(entry, folded, host)
    if same:
        return "host_words", HOST_WORDS_SCORE, f"“{same}” but for the words naming the host"
    wanted = acronym_key(acronym) if acronym else ""
    for known in entry.acronyms:
        if wanted and wanted == acronym_key(known):
            return "acronym", ACRONYM_SCORE, f"the acronym {acronym} is one it is known by"
    score = (
        max(
            fuzz.ratio(folded, normalise_name(entry.name)),
            fuzz.token_sort_ratio(folded, normalise_name(entry.name)),
        )
        / 100
    )
    if folded and score >= FUZZY_MIN:
        return (
            "fuzzy",
            round(min(score, 0.99), 4),
            f"the name is close to “{entry.name}” ({score:.2f})",
        )
    return None


def match_inventory(
    name: str,
    entries: Iterable[OrgEntry],
    *,
    acronym: str | None = None,
    host_iso3: str | None = None,
    origin_iso3: Sequence[str] = (),
) -> InventoryMatch | None:
    """The inventory organisation a mention names, with the evidence; None when there is none
    or when two organisations match equally well."""
    folded = normalise_name(name)
    short = acronym or (name if _ACRONYM.match(name.strip()) else "")
    found: list[tuple[float, int, InventoryMatch]] = []
    for entry in entries:
        named = _name_match(entry, folded, short, host_iso3)
        if named is None or _agree(entry, host_iso3, origin_iso3):
            continue
        kind, score, why = named
        places = "; host and origin agree" if (host_iso3 or origin_iso3) else ""
        match = InventoryMatch(entry.id, entry.name, kind, score, why + places)
        found.append((score, -_KINDS.index(kind), match))
    if not found:
        return None
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    if len(found) > 1 and found[0][:2] == found[1][:2] and found[0][2].org_id != found[1][2].org_id:
        return None
    return found[0][2]
