"""Clustering with constraints: links are taken best first, and a link is refused when it
would put into one organisation two hosts, two disjoint sets of origins, or two mentions a
person judged different (cannot-link, as in constrained agglomerative clustering). A
person's "same" is always taken."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Edge:
    """A reason to put mentions ``a`` and ``b`` (indices) in one organisation."""

    a: int
    b: int
    score: float
    evidence: str
    forced: bool = False  # a person judged them the same


@dataclass(frozen=True)
class Refusal:
    edge: Edge
    why: str


class Components:
    """Union-find over mentions, each component with its known hosts and origins."""

    def __init__(
        self,
        hosts: Sequence[str | None],
        origins: Sequence[frozenset[str]],
        cannot: Iterable[tuple[int, int]] = (),
    ) -> None:
        self.parent = list(range(len(hosts)))
        self.hosts: dict[int, set[str]] = {i: {h} if h else set() for i, h in enumerate(hosts)}
        self.origins: dict[int, set[str]] = {i: set(o) for i, o in enumerate(origins)}
        self.cannot: dict[int, set[int]] = {}
        for x, y in cannot:
            self.cannot.setdefault(x, set()).add(y)
            self.cannot.setdefault(y, set()).add(x)
        self.accepted: list[Edge] = []
        self.refused: list[Refusal] = []

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def conflict(self, ra: int, rb: int) -> str:
        """Why components ``ra`` and ``rb`` cannot be one organisation ("" when they can)."""
        if any(self.find(x) == rb for x in self.cannot.get(ra, ())):
            return "a person judged two of their mentions different"
        ha, hb = self.hosts[ra], self.hosts[rb]
        if ha and hb and ha != hb:
            return f"different hosts ({', '.join(sorted(ha | hb))})"
        oa, ob = self.origins[ra], self.origins[rb]
        if oa and ob and not oa & ob:
            return f"different countries of origin ({', '.join(sorted(oa | ob))})"
        return ""

    def link(self, edge: Edge) -> bool:
        ra, rb = self.find(edge.a), self.find(edge.b)
        if ra == rb:
            return True
        why = self.conflict(ra, rb)
        if why and not edge.forced:
            self.refused.append(Refusal(edge, why))
            return False
        low, high = sorted((ra, rb))
        self.parent[high] = low
        self.hosts[low] |= self.hosts.pop(high)
        self.origins[low] |= self.origins.pop(high)
        merged = self.cannot.pop(high, set()) | self.cannot.get(low, set())
        if merged:
            self.cannot[low] = merged
        self.accepted.append(edge)
        return True

    def run(self, edges: Iterable[Edge]) -> None:
        """Forced links first, then the rest best first (ties in the order given)."""
        ordered = sorted(edges, key=lambda e: (not e.forced, -e.score))
        for edge in ordered:
            self.link(edge)

    def groups(self) -> dict[int, list[int]]:
        found: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            found.setdefault(self.find(i), []).append(i)
        return found
