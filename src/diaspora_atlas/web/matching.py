"""Name matching (``/api/match`` and the reconciliation service), after ROR's affiliation
matching: candidates with a score, how each matched, and ``chosen`` only when one is confident.

How a name matches, best first (names are compared folded: case, accents, punctuation and
'&'/'and' ignored):

- ``exact``: the organisation's name — score 1.0;
- ``alias``: one of its other names from a source — score 1.0;
- ``acronym``: an acronym it is known by (stated in a source: 0.9; derived from the initials
  of its name: 0.8);
- ``fuzzy``: rapidfuzz's best of ``ratio`` and ``token_sort_ratio`` against its names and
  aliases, divided by 100; candidates below ``MIN_SCORE`` are not listed.

``chosen`` is true for at most one candidate, and only when nothing in the names says they
are different organisations (``web.match_rules``: a country, a distinguishing word such as
"junior" or "foundation", a word the matched name lacks, another acronym):

- an exact or alias match that no other organisation shares;
- an acronym a source states for exactly one organisation, typed alone ("APPNA", "BAPIO");
  acronyms derived from initials, or stated for several (SAMA, VAMA), are never chosen;
- a fuzzy match of at least ``CHOSEN_FUZZY`` that leads the next candidate by at least
  ``CHOSEN_MARGIN``.

When the caller gives a host or origin country, candidates in other countries score
``COUNTRY_PENALTY`` times less and are never chosen. Every candidate carries ``reason``: why
it is chosen, or what stops it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from diaspora_atlas.refdata.normalise import acronym_key, normalise_name
from diaspora_atlas.store.pages import match_entries
from diaspora_atlas.web.cache import memo
from diaspora_atlas.web.match_rules import contradiction
from diaspora_atlas.web.scope import site_protocol

MIN_SCORE = 0.5
CHOSEN_FUZZY = 0.9
CHOSEN_MARGIN = 0.05
COUNTRY_PENALTY = 0.8
STATED_ACRONYM = 0.9
DERIVED_ACRONYM = 0.8
MAX_CANDIDATES = 10
_PRIORITY = {"exact": 0, "alias": 1, "acronym": 2, "fuzzy": 3}


@dataclass(frozen=True)
class Key:
    org: int  # index into Index.orgs
    kind: str  # "name" | "alias" | "acronym-stated" | "acronym-derived"
    text: str  # as shown
    folded: str  # comparison form


@dataclass(frozen=True)
class Index:
    orgs: list[dict[str, Any]]
    keys: list[Key]
    names: list[str]  # folded names and aliases, for rapidfuzz
    name_keys: list[Key]


def _looks_like_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and " " not in text.strip()


def build_index() -> Index:
    orgs = match_entries(site_protocol().inventory_datasets)
    keys: list[Key] = []
    for i, org in enumerate(orgs):
        keys.append(Key(i, "name", org["name"], normalise_name(org["name"])))
        stated = set(org.get("acronyms_stated", []))
        for alias in org.get("aliases", []):
            if alias not in stated and not _looks_like_acronym(alias):
                keys.append(Key(i, "alias", alias, normalise_name(alias)))
        for acronym in org.get("acronyms", []):
            kind = "acronym-stated" if acronym in stated else "acronym-derived"
            keys.append(Key(i, kind, acronym, acronym_key(acronym)))
    name_keys = [k for k in keys if k.kind in ("name", "alias")]
    return Index(orgs, keys, [k.folded for k in name_keys], name_keys)


def index() -> Index:
    return memo(f"match-index:{site_protocol().id}", build_index)


def _candidate(key: Key, score: float, kind: str) -> tuple[float, int, str, str]:
    return (round(score, 4), _PRIORITY[kind], kind, key.text)


def _exact_and_acronyms(idx: Index, query: str) -> dict[int, tuple[float, int, str, str]]:
    folded, squashed = normalise_name(query), acronym_key(query)
    best: dict[int, tuple[float, int, str, str]] = {}
    for key in idx.keys:
        found = None
        if key.kind == "name" and key.folded == folded:
            found = _candidate(key, 1.0, "exact")
        elif key.kind == "alias" and key.folded == folded:
            found = _candidate(key, 1.0, "alias")
        elif key.kind.startswith("acronym") and squashed and key.folded == squashed:
            score = STATED_ACRONYM if key.kind == "acronym-stated" else DERIVED_ACRONYM
            found = _candidate(key, score, "acronym")
        if found and (key.org not in best or _better(found, best[key.org])):
            best[key.org] = found
    return best


def _better(a: tuple[float, int, str, str], b: tuple[float, int, str, str]) -> bool:
    return (a[0], -a[1]) > (b[0], -b[1])


def _fuzzy(idx: Index, query: str, best: dict[int, tuple[float, int, str, str]]) -> None:
    folded = normalise_name(query)
    if not folded or not idx.names:
        return
    scored = process.extract(
        folded,
        idx.names,
        scorer=lambda a, b, **_: max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b)),
        limit=MAX_CANDIDATES * 3,
        score_cutoff=MIN_SCORE * 100,
    )
    for _, score, position in scored:
        key = idx.name_keys[position]
        found = _candidate(key, min(float(score) / 100, 0.99), "fuzzy")
        if key.org not in best or _better(found, best[key.org]):
            best[key.org] = found


def _in_countries(org: dict[str, Any], host: str, origin: str) -> bool:
    origins = {o["iso3"] for o in org.get("origins", [])}
    return (not host or org.get("host_iso3") == host) and (not origin or origin in origins)


def _item(org: dict[str, Any], found: tuple[float, int, str, str], fits: bool) -> dict[str, Any]:
    score, _, kind, matched = found
    return {
        "score": score if fits else round(score * COUNTRY_PENALTY, 4),
        "matching_type": kind,
        "matched": matched,
        "chosen": False,
        "reason": "" if fits else "not in the host or origin country asked for",
        "fits_countries": fits,
        "organisation": {
            "id": org["id"],
            "name": org["name"],
            "host_iso3": org["host_iso3"],
            "origin_iso3": [o["iso3"] for o in org.get("origins", [])],
            "url": f"/organisations/{org['id']}/",
        },
    }


def match(
    query: str, host: str = "", origin: str = "", limit: int = MAX_CANDIDATES
) -> list[dict[str, Any]]:
    """Candidates for a name, best first; see the module's docstring for scores and chosen."""
    idx = index()
    best = _exact_and_acronyms(idx, query)
    _fuzzy(idx, query, best)
    items = []
    by_id: dict[str, dict[str, Any]] = {}
    for org_index, found in best.items():
        org = idx.orgs[org_index]
        items.append(_item(org, found, _in_countries(org, host, origin)))
        by_id[org["id"]] = org
    items.sort(
        key=lambda c: (-c["score"], _PRIORITY[c["matching_type"]], c["organisation"]["name"])
    )
    _choose(items, query, by_id, _stated_owners(idx, query))
    for item in items:
        item.pop("fits_countries")
    return items[:limit]


def _stated_owners(idx: Index, query: str) -> int:
    """How many organisations a source states the query's acronym for."""
    squashed = acronym_key(query)
    return len({k.org for k in idx.keys if k.kind == "acronym-stated" and k.folded == squashed})


def _verdict(item: dict[str, Any], runner_up: float, owners: int) -> tuple[bool, str]:
    kind, score, matched = item["matching_type"], item["score"], item["matched"]
    if kind in ("exact", "alias"):
        if runner_up >= 1.0:
            return False, f"another organisation is also called '{matched}'"
        return True, f"its {'name' if kind == 'exact' else 'other name'} is exactly the query"
    if kind == "acronym":
        if score < STATED_ACRONYM:
            return (
                False,
                f"{matched} is only the initials of its name, not an acronym a source gives",
            )
        if owners != 1:
            return False, f"{matched} is the acronym of {owners} organisations"
        return True, f"a source gives {matched} as its acronym, and no other organisation's"
    if score < CHOSEN_FUZZY:
        return False, f"the names are not close enough ({score:.2f} < {CHOSEN_FUZZY})"
    if score - runner_up < CHOSEN_MARGIN:
        return False, "another organisation's name is about as close"
    return True, f"its name is close to the query ({score:.2f}) and nothing in it contradicts it"


def _choose(
    items: list[dict[str, Any]], query: str, orgs: dict[str, dict[str, Any]], owners: int
) -> None:
    for position, item in enumerate(items):
        org = orgs[item["organisation"]["id"]]
        conflict = (
            contradiction(
                query,
                item["matched"],
                org["host_iso3"],
                [o["iso3"] for o in org.get("origins", [])],
                org.get("acronyms_stated", []),
            )
            if item["matching_type"] == "fuzzy"
            else ""
        )
        if not item["fits_countries"]:
            continue
        if conflict:
            item["reason"] = f"not the same organisation: {conflict}"
            continue
        runner_up = items[1]["score"] if position == 0 and len(items) > 1 else items[0]["score"]
        confident, why = _verdict(item, runner_up, owners)
        if confident and position == 0:
            item["chosen"], item["reason"] = True, why
        else:
            item["reason"] = why if not confident else "a better candidate comes first"
