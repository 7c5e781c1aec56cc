"""Infer an organisation's host country and countries of origin from its name and URL.

Every answer comes with its evidence; where the name and URL do not settle a question the
answer is ``None`` / ``()`` — the function never guesses. Host words and domains are data
(``data/rules/host_phrases.csv``, ``data/rules/host_domains.csv``); origin words come from the
reference data's alias table (names, demonyms, adjectivals, sub-national names).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache

from diaspora_atlas.model import Evidence, Outcome
from diaspora_atlas.model.addresses import host_of
from diaspora_atlas.refdata import AliasMatch, country, normalise_name, phrase_index
from diaspora_atlas.refdata.paths import rule_rows

MAX_PHRASE_WORDS = 5
_TOKEN = re.compile(r"[a-z0-9]+(?:\.[a-z0-9]+)+\.?|[a-z0-9]+")


@dataclass(frozen=True)
class HostPhrase:
    """A phrase about the host: ``kind`` is host (one country), region (one of several),
    neutral (says nothing about the host), or ambiguous (a host place or a country of origin)."""

    phrase: str
    kind: str
    hosts: tuple[str, ...]
    note: str
    match_case: bool = False


@dataclass(frozen=True)
class HostOrigin:
    host_iso3: str | None
    origin_iso3: tuple[str, ...]
    origin_subnational: str
    evidence: tuple[Evidence, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "host_iso3": self.host_iso3,
            "origin_iso3": list(self.origin_iso3),
            "origin_subnational": self.origin_subnational or None,
            "evidence": [e.as_dict() for e in self.evidence],
        }


@cache
def host_phrases() -> Mapping[str, HostPhrase]:
    rows = _read_rules("host_phrases.csv")
    return {
        normalise_name(row["phrase"]): HostPhrase(
            row["phrase"],
            row["kind"],
            tuple(h for h in row["hosts"].split("|") if h),
            row["note"],
            match_case=row.get("match_case") == "1",
        )
        for row in rows
    }


@cache
def host_domains() -> tuple[tuple[str, str, str], ...]:
    return tuple((r["suffix"], r["host"], r["note"]) for r in _read_rules("host_domains.csv"))


def _read_rules(name: str) -> list[dict[str, str]]:
    return rule_rows(name)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalise_name(text).replace("-", " "))


@dataclass(frozen=True)
class _Hit:
    phrase: str
    host: HostPhrase | None
    origins: tuple[AliasMatch, ...]


def scan(name: str) -> Iterator[_Hit]:
    """Longest-first phrase matches in the name; host phrases win ties over origin phrases."""
    words = tokens(name)
    origin_index = phrase_index()
    hosts = host_phrases()
    i = 0
    while i < len(words):
        for n in range(min(MAX_PHRASE_WORDS, len(words) - i), 0, -1):
            phrase = " ".join(words[i : i + n])
            hit = _lookup(phrase, hosts, origin_index, name)
            if hit:
                yield hit
                i += n
                break
        else:
            i += 1


def _lookup(
    phrase: str,
    hosts: Mapping[str, HostPhrase],
    origin_index: Mapping[str, tuple[AliasMatch, ...]],
    original: str,
) -> _Hit | None:
    host = hosts.get(phrase)
    if host and host.match_case and not re.search(rf"\b{re.escape(host.phrase)}\b", original):
        host = None
    if host:
        return _Hit(phrase, host, ())
    for candidate in (phrase, phrase[:-1] if phrase.endswith("s") else ""):
        matches = origin_index.get(candidate, ()) if candidate else ()
        # Host countries are never read as origins: the host table alone speaks for them.
        if matches and not {m.iso3 for m in matches} <= host_countries():
            return _Hit(phrase, None, matches)
    return None


@cache
def host_countries() -> frozenset[str]:
    return frozenset(iso3 for phrase in host_phrases().values() for iso3 in phrase.hosts)


def infer_host_origin(name: str, url: str | None = None) -> HostOrigin:
    evidence: list[Evidence] = []
    definite_hosts: list[str] = []
    regional_hosts: list[tuple[str, ...]] = []
    origins: list[str] = []
    subnational = ""
    for hit in scan(name):
        if hit.host is not None:
            _host_hit(hit.host, hit.phrase, evidence, definite_hosts, regional_hosts)
            continue
        iso3s = sorted({m.iso3 for m in hit.origins})
        if len(iso3s) > 1:
            evidence.append(
                _ev(
                    "origin_ambiguous",
                    Outcome.UNDECIDED,
                    0.0,
                    f"'{hit.phrase}' can mean {', '.join(iso3s)}: cannot tell",
                    hit.phrase,
                )
            )
            continue
        match = hit.origins[0]
        if match.kind == "subnational" and not subnational:
            subnational = hit.phrase.title()  # as the name writes it, not the ISO spelling
        if iso3s[0] not in origins:
            origins.append(iso3s[0])
        evidence.append(
            _ev(
                "origin_phrase",
                Outcome.MATCH,
                1.0,
                f"'{hit.phrase}' in the name is a {match.kind} of "
                f"{country(iso3s[0]).name} ({iso3s[0]})",
                hit.phrase,
            )
        )
    if url:
        _domain_hit(url, evidence, definite_hosts)
    host = _decide_host(definite_hosts, regional_hosts, evidence)
    origin = tuple(o for o in origins if o != host)
    return HostOrigin(host, origin, subnational, tuple(evidence))


def _host_hit(
    phrase: HostPhrase,
    text: str,
    evidence: list[Evidence],
    definite: list[str],
    regional: list[tuple[str, ...]],
) -> None:
    note = f" ({phrase.note})" if phrase.note else ""
    if phrase.kind == "host":
        definite.append(phrase.hosts[0])
        why = f"'{text}' in the name names host {phrase.hosts[0]}{note}"
        evidence.append(_ev("host_phrase", Outcome.MATCH, 1.0, why, text))
    elif phrase.kind == "region":
        regional.append(phrase.hosts)
        why = f"'{text}' in the name means one of {', '.join(phrase.hosts)}{note}"
        evidence.append(_ev("host_region", Outcome.UNDECIDED, 0.5, why, text))
    elif phrase.kind == "ambiguous":
        why = f"'{text}' in the name is ambiguous{note}"
        evidence.append(_ev("ambiguous_place", Outcome.UNDECIDED, 0.0, why, text))
    else:
        why = f"'{text}' in the name says nothing about the host{note}"
        evidence.append(_ev("host_neutral", Outcome.NO_MATCH, 0.0, why, text))


def _domain_hit(url: str, evidence: list[Evidence], definite: list[str]) -> None:
    host_name = host_of(url)
    if host_name.endswith("facebook.com") or not host_name:
        return
    for suffix, iso3, note in host_domains():
        if host_name.endswith(suffix):
            definite.append(iso3)
            evidence.append(
                _ev(
                    "host_domain",
                    Outcome.MATCH,
                    0.9,
                    f"the website's domain {host_name} ends in {suffix}: {note}",
                    host_name,
                    url,
                )
            )
            return


def _decide_host(
    definite: list[str], regional: list[tuple[str, ...]], evidence: list[Evidence]
) -> str | None:
    distinct = sorted(set(definite))
    if len(distinct) == 1:
        if all(distinct[0] in r for r in regional):
            return distinct[0]
        evidence.append(
            _ev(
                "host_conflict",
                Outcome.UNDECIDED,
                0.0,
                f"host {distinct[0]} conflicts with a region in the name: cannot tell",
            )
        )
        return None
    if len(distinct) > 1:
        evidence.append(
            _ev(
                "host_conflict",
                Outcome.UNDECIDED,
                0.0,
                f"the name and URL name several hosts ({', '.join(distinct)}): cannot tell",
            )
        )
        return None
    if not regional:
        evidence.append(
            _ev(
                "host_unknown",
                Outcome.UNDECIDED,
                0.0,
                "nothing in the name or URL names a host country",
            )
        )
    return None


def _ev(
    rule: str, outcome: Outcome, score: float, why: str, excerpt: str = "", url: str = ""
) -> Evidence:
    return Evidence(
        rule=rule, outcome=outcome, score=score, explanation=why, excerpt=excerpt, source_url=url
    )
