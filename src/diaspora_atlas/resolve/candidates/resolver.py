"""Candidate mentions -> organisations: features, links, constrained clustering, chapters.

Inventory organisations take part as mentions of their own (their curated host and origin,
their website), each kept apart from every other one: a cluster that holds one is linked to
it. People's judgements are links too: "same" is always taken, "different" is never crossed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from diaspora_atlas.resolve.candidates.chapters import link_chapters
from diaspora_atlas.resolve.candidates.cluster import Components, Edge, Refusal
from diaspora_atlas.resolve.candidates.edges import group_edges, shared_key_edges
from diaspora_atlas.resolve.candidates.features import Features, features
from diaspora_atlas.resolve.candidates.types import Member, MentionIn, ResolvedCluster, cluster_id

JUDGED_SAME = 1.0


@dataclass(frozen=True)
class Resolution:
    clusters: tuple[ResolvedCluster, ...]
    mentions: int
    links_taken: int
    links_refused: int

    def by_id(self) -> dict[str, ResolvedCluster]:
        return {c.id: c for c in self.clusters}


def resolve_mentions(
    mentions: Sequence[MentionIn],
    same: Iterable[tuple[str, str]] = (),
    different: Iterable[tuple[str, str]] = (),
) -> Resolution:
    """Cluster ``mentions`` (inventory organisations among them) into organisations;
    ``same`` / ``different`` are people's judgements about pairs of mention ids."""
    feats, _ = features(mentions)
    index = {m.id: i for i, m in enumerate(mentions)}
    edges, ambiguous = group_edges(feats)
    edges += shared_key_edges(feats)
    edges += [
        Edge(index[a], index[b], JUDGED_SAME, "a person judged them the same", forced=True)
        for a, b in same
        if a in index and b in index
    ]
    inventory = [i for i, m in enumerate(mentions) if m.inventory]
    cannot = [(index[a], index[b]) for a, b in different if a in index and b in index]
    cannot += list(combinations(inventory, 2))
    components = Components(
        [m.host_iso3 for m in mentions], [frozenset(m.origin_iso3) for m in mentions], cannot
    )
    components.run(edges)
    notes = _notes(feats, components.refused, ambiguous)
    edges_of: dict[int, list[Edge]] = {}
    for e in components.accepted:
        edges_of.setdefault(components.find(e.a), []).append(e)
    clusters = [
        _cluster(feats, members, edges_of.get(root, []), notes)
        for root, members in components.groups().items()
        if any(not mentions[i].inventory for i in members)
    ]
    linked = link_chapters(clusters, feats, index)
    return Resolution(
        clusters=tuple(sorted(linked, key=lambda c: c.id)),
        mentions=sum(not m.inventory for m in mentions),
        links_taken=len(components.accepted),
        links_refused=len(components.refused),
    )


def _notes(
    feats: Sequence[Features], refused: Sequence[Refusal], ambiguous: Sequence[tuple[int, str]]
) -> dict[int, list[str]]:
    notes: dict[int, list[str]] = {}
    for i, why in ambiguous:
        notes.setdefault(i, []).append(f"“{feats[i].mention.name}”: ambiguous: {why}")
    for r in refused:
        a, b = feats[r.edge.a].mention, feats[r.edge.b].mention
        text = f"not joined with “{b.name}” ({b.id}) although {r.edge.evidence}: {r.why}"
        notes.setdefault(r.edge.a, []).append(text)
        other = f"not joined with “{a.name}” ({a.id}) although {r.edge.evidence}: {r.why}"
        notes.setdefault(r.edge.b, []).append(other)
    return notes


def _evidence(accepted: Sequence[Edge]) -> dict[int, tuple[float, str]]:
    """For each member, the link that brought it in (the anchor has none); ``accepted``:
    the links taken inside one cluster."""
    found: dict[int, tuple[float, str]] = {}
    for e in accepted:
        if e.b not in found:
            found[e.b] = (e.score, e.evidence)
        elif e.a not in found:
            found[e.a] = (e.score, e.evidence)
    return found


def _touching(node: int, accepted: Sequence[Edge]) -> str:
    return next((e.evidence for e in accepted if node in (e.a, e.b)), "")


def _most_used(values: Iterable[str], flaws: Mapping[str, int] | None = None) -> list[str]:
    """Most used first; among equals, the one with fewest misspellings, then the shortest."""
    counts = Counter(v for v in values if v)
    return sorted(counts, key=lambda v: (-counts[v], (flaws or {}).get(v, 0), len(v), v))


def _cluster(
    feats: Sequence[Features],
    members: Sequence[int],
    accepted: Sequence[Edge],
    notes: dict[int, list[str]],
) -> ResolvedCluster:
    mentions = [i for i in members if not feats[i].mention.inventory]
    inventory = [i for i in members if feats[i].mention.inventory]
    anchor = min(feats[i].mention.id for i in mentions)
    found = _evidence(accepted)
    hosts = {feats[i].mention.host_iso3 for i in members} - {None}
    link = inventory[0] if inventory else None
    flaws = {feats[i].mention.name: len(feats[i].corrections) for i in mentions}
    names = _most_used((feats[i].mention.name for i in mentions), flaws)
    return ResolvedCluster(
        id=cluster_id(anchor),
        anchor=anchor,
        members=tuple(
            Member(
                feats[i].mention.id,
                *(found.get(i) or (1.0, "the first mention of this organisation (its anchor)")),
            )
            for i in sorted(mentions, key=lambda i: feats[i].mention.id)
        ),
        name=names[0],
        names=tuple(names),
        host_iso3=next(iter(hosts)) if len(hosts) == 1 else None,
        origin_iso3=tuple(sorted({o for i in members for o in feats[i].mention.origin_iso3})),
        acronym=next(iter(_most_used(feats[i].mention.acronym or "" for i in mentions)), None),
        sites=tuple(_most_used(feats[i].site for i in mentions)),
        chapter=all(feats[i].key.chapter for i in mentions),
        inventory_match=feats[link].mention.id if link is not None else "",
        inventory_evidence=_touching(link, accepted) if link is not None else "",
        notes=tuple(n for i in members for n in notes.get(i, ())),
    )
