"""The reasons to link two mentions, each with its score and evidence in words.

Blocking: mentions are grouped by their words (sorted, misspellings corrected, optional words
left out), so only mentions that could be one organisation are ever compared; across groups,
only mentions sharing an own web domain or a stated acronym are.

| link | score |
|---|---|
| the same name once folded, same host | 1.00 |
| the same words (spelling, abbreviations, small words, word order aside), same host | 0.97 |
| the same words apart from optional ones ("International") | 0.93 |
| the same own web domain, half of their words shared | 0.95 |
| the same stated acronym, same origin, half of their words shared | 0.90 |
| the same words, one host not given and only one host known for that name | 0.90 |

A mention whose host is not given and whose words name bodies in several hosts joins none of
them: it is ambiguous, and says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import partial

from diaspora_atlas.resolve.candidates.cluster import Edge
from diaspora_atlas.resolve.candidates.features import Features, jaccard

EXACT, SAME_WORDS, OPTIONAL_WORDS, SITE, ACRONYM, HOST_GAP = 1.0, 0.97, 0.93, 0.95, 0.90, 0.90
MIN_SHARED = 0.5


def describe(a: Features, b: Features) -> str:
    """Why two names read as one, in words."""
    na, nb = a.mention.name, b.mention.name
    if a.folded == b.folded:
        return f"“{na}” and “{nb}” are the same name once case and punctuation are set aside"
    parts = [f"“{na}” and “{nb}” have the same words"]
    fixed = sorted({f"{w}→{c}" for f in (a, b) for w, c in f.corrections})
    expanded = sorted({f"{w}→{v}" for f in (a, b) for w, v in f.key.replaced})
    if fixed:
        parts.append("misspellings read as " + ", ".join(fixed))
    if expanded:
        parts.append("abbreviations read as " + ", ".join(expanded))
    if a.key.host_in_name and a.words != b.words:
        parts.append(f"the host {a.key.host_in_name} named in either way")
    if a.full != b.full:
        extra = sorted(set(a.full) ^ set(b.full))
        parts.append("apart from the optional word(s) " + ", ".join(extra))
    return "; ".join(parts)


def _host_note(members: Sequence[int], feats: Sequence[Features]) -> str:
    hosts = {feats[i].mention.host_iso3 for i in members}
    return f"host {next(iter(hosts))}" if len(hosts) == 1 and None not in hosts else ""


def group_edges(feats: Sequence[Features]) -> tuple[list[Edge], list[tuple[int, str]]]:
    """Links within each group of mentions with the same words; and the mentions left out
    as ambiguous, with why."""
    groups: dict[tuple[bool, tuple[str, ...]], list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        if f.core:
            groups[(f.key.chapter, f.core)].append(i)
    edges: list[Edge] = []
    ambiguous: list[tuple[int, str]] = []
    for members in groups.values():
        by_host: dict[str | None, list[int]] = defaultdict(list)
        for i in members:
            by_host[feats[i].mention.host_iso3].append(i)
        known = sorted(h for h in by_host if h)
        for host in known:
            edges.extend(_star(by_host[host], feats, SAME_WORDS))
        unknown = by_host.get(None, [])
        if len(known) == 1 and unknown:
            anchor = by_host[known[0]][0]
            edges.extend(
                Edge(anchor, i, HOST_GAP, describe(feats[anchor], feats[i]) + "; its host is "
                     f"not given, and {known[0]} is the only host known for this name")
                for i in unknown
            )  # fmt: skip
        elif unknown:
            edges.extend(_star(unknown, feats, SAME_WORDS))
            if len(known) > 1:
                why = f"the same words name bodies in {', '.join(known)}; its host is not given"
                ambiguous.extend((i, why) for i in unknown)
    return edges, ambiguous


def _star(members: Sequence[int], feats: Sequence[Features], score: float) -> Iterable[Edge]:
    anchor = members[0]
    for i in members[1:]:
        a, b = feats[anchor], feats[i]
        exact = a.folded == b.folded
        value = EXACT if exact else score if a.full == b.full else OPTIONAL_WORDS
        yield Edge(anchor, i, value, describe(a, b))


def _representatives(feats: Sequence[Features], indices: Iterable[int]) -> list[int]:
    """One mention per group of words (the first), so shared keys add few links."""
    seen: dict[tuple[bool, tuple[str, ...], str | None], int] = {}
    for i in indices:
        f = feats[i]
        seen.setdefault((f.key.chapter, f.core, f.mention.host_iso3), i)
    return list(seen.values())


def shared_key_edges(feats: Sequence[Features]) -> list[Edge]:
    """Links across groups: the same own site, or the same stated acronym and origin."""
    edges: list[Edge] = []
    by_site: dict[str, list[int]] = defaultdict(list)
    by_acronym: dict[tuple[str, frozenset[str]], list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        if f.site:
            by_site[f.site].append(i)
        if f.acronym and f.origins:
            by_acronym[(f.acronym, f.origins)].append(i)
    for site, members in by_site.items():
        edges.extend(_pairs(feats, members, SITE, partial(_site_why, site)))
    for (acronym, _), members in by_acronym.items():
        edges.extend(_pairs(feats, members, ACRONYM, partial(_acronym_why, acronym)))
    return edges


def _acronym_why(acronym: str, a: Features, b: Features) -> str:
    return (
        f"“{a.mention.name}” and “{b.mention.name}” are both written with the acronym "
        f"{acronym.upper()}, for the same country of origin"
    )


def _site_why(site: str, a: Features, b: Features) -> str:
    return f"“{a.mention.name}” and “{b.mention.name}” are both found on {site} ({a.site_why})"


Why = Callable[[Features, Features], str]


def _pairs(feats: Sequence[Features], members: Sequence[int], score: float, why: Why) -> list[Edge]:
    reps = _representatives(feats, members)
    out = []
    for x, i in enumerate(reps):
        for j in reps[x + 1 :]:
            shared = jaccard(feats[i].core, feats[j].core)
            if shared >= MIN_SHARED and feats[i].key.chapter == feats[j].key.chapter:
                value = round(score * (0.9 + 0.1 * shared), 4)
                out.append(Edge(i, j, value, why(feats[i], feats[j])))
    return out
