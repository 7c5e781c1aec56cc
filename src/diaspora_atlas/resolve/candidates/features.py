"""Each mention's comparable features: its name key with misspellings read as the word they
misspell, its own web domain and its stated acronym."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from diaspora_atlas.model.names import known_words
from diaspora_atlas.refdata import normalise_name, phrase_index
from diaspora_atlas.refdata.regions import region_words
from diaspora_atlas.resolve.candidates.domains import own_domain, site_of
from diaspora_atlas.resolve.candidates.names import NameKey, name_key, singular
from diaspora_atlas.resolve.candidates.tokens import Canon, build_canon
from diaspora_atlas.resolve.candidates.types import MentionIn


@dataclass(frozen=True)
class Features:
    mention: MentionIn
    folded: str  # the name folded (refdata.normalise_name)
    key: NameKey
    words: tuple[str, ...]  # the key's words, misspellings corrected, in order
    core: tuple[str, ...]  # sorted words without optional ones: the blocking key
    full: tuple[str, ...]  # sorted words
    corrections: tuple[tuple[str, str], ...]
    site: str
    site_why: str
    acronym: str  # stated acronym folded, without a host suffix ("sama" for "SAMA-USA")

    @property
    def origins(self) -> frozenset[str]:
        return frozenset(self.mention.origin_iso3)


@cache
def protected_words() -> frozenset[str]:
    """Words never read as a misspelling: single-word country phrases and region names."""
    return frozenset(k for k in phrase_index() if " " not in k) | region_words()


@cache
def known_singular() -> frozenset[str]:
    return frozenset(singular(w) for w in known_words())


def _acronym(stated: str | None) -> str:
    if not stated:
        return ""
    words = normalise_name(stated).split()
    head = words[0] if words else ""
    return re.sub(r"[^a-z0-9]", "", head)


@lru_cache(maxsize=65536)
def _own(url: str, name: str, acronym: str | None) -> tuple[str, str]:
    return own_domain(url, name, acronym)


def _site(m: MentionIn) -> tuple[str, str]:
    """An inventory organisation's website is its own by definition; a mention's record
    address only when it looks like the organisation's own site."""
    if not m.url:
        return "", ""
    if m.inventory:
        site = site_of(m.url)
        return site, f"{site} is its website in the inventory" if site else ""
    return _own(site_of(m.url), m.name, m.acronym)


def _as_host(word: str, m: MentionIn, hosts: frozenset[str]) -> str:
    """A misspelt place word read as a place: the host's marker when it names the mention's
    host, or (no host known) a host of other mentions that the mention is not from."""
    if word.startswith("@") or " " in word:
        return word
    countries = {a.iso3 for a in phrase_index().get(word, ())}
    if len(countries) != 1:
        return word
    (place,) = countries
    if place == m.host_iso3 or (
        m.host_iso3 is None and m.origin_iso3 and place not in m.origin_iso3
    ):
        return "@" + place
    return word


def features(mentions: Sequence[MentionIn]) -> tuple[list[Features], Canon]:
    keys: dict[tuple[str, str | None], NameKey] = {}
    folded: dict[str, str] = {}
    for m in mentions:
        if (m.name, m.host_iso3) not in keys:
            keys[(m.name, m.host_iso3)] = name_key(m.name, m.host_iso3)
        if m.name not in folded:
            folded[m.name] = normalise_name(m.name)
    canon = build_canon((k.tokens for k in keys.values()), known_singular() | protected_words())
    hosts = frozenset(m.host_iso3 for m in mentions if m.host_iso3)
    out: list[Features] = []
    for m in mentions:
        key = keys[(m.name, m.host_iso3)]
        words = tuple(_as_host(canon(t), m, hosts) for t in key.tokens)
        site, why = _site(m)
        out.append(
            Features(
                mention=m,
                folded=folded[m.name],
                key=key,
                words=words,
                core=tuple(sorted(w for w in words if w not in key.optional)),
                full=tuple(sorted(words)),
                corrections=tuple(canon.corrections(key.tokens)),
                site=site,
                site_why=why,
                acronym=_acronym(m.acronym),
            )
        )
    return out, canon


def jaccard(a: Sequence[str], b: Sequence[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0
