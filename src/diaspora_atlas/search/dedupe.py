"""Records found by several sources, merged by DOI, PMID or URL (and optionally title+year).

Pure: takes records, returns clusters and the counts before and after that the PRISMA
diagram reports. Only each record's keys are held, never its text, so a run of any size
fits in memory.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from diaspora_atlas.model.records import SearchRecord
from diaspora_atlas.search.identifiers import (
    normalise_doi,
    normalise_pmid,
    normalise_url,
    title_key,
)

RULES = ("doi", "pmid", "url", "title_year")


@dataclass(frozen=True, slots=True)
class RecordRef:
    """Enough to find a record again: its source, id, file and line."""

    source: str
    record_id: str
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class Cluster:
    """Records that are one work or page; ``members[0]`` is the first seen (the one kept)."""

    members: tuple[RecordRef, ...]
    keys: tuple[str, ...]  # the shared keys that joined them, e.g. "doi:10.1186/..."


@dataclass(frozen=True, slots=True)
class Deduplication:
    clusters: tuple[Cluster, ...]  # every cluster, singletons included, in first-seen order
    before: int
    after: int
    per_source: dict[str, int]  # records per source before deduplication
    merged_by: dict[str, int]  # how many merges each rule made (they add up to ``removed``)

    @property
    def removed(self) -> int:
        return self.before - self.after

    def as_json(self) -> dict[str, object]:
        return {
            "before": self.before,
            "after": self.after,
            "removed": self.removed,
            "per_source": self.per_source,
            "merged_by": self.merged_by,
            "duplicate_clusters": [
                {"members": [asdict(m) for m in c.members], "keys": list(c.keys)}
                for c in self.clusters
                if len(c.members) > 1
            ],
        }


def record_keys(record: SearchRecord, *, title_year: bool = False) -> list[str]:
    """The keys by which this record can be a duplicate of another."""
    keys = []
    if doi := normalise_doi(record.doi):
        keys.append(f"doi:{doi}")
    if pmid := normalise_pmid(record.pmid):
        keys.append(f"pmid:{pmid}")
    if url := normalise_url(record.url):
        keys.append(f"url:{url}")
    if title_year and (key := title_key(record.title, record.year)):
        keys.append(f"title_year:{key}")
    return keys


def deduplicate(records: Iterable[SearchRecord], *, title_year: bool = False) -> Deduplication:
    """Cluster records sharing any key (transitively); count before and after."""
    refs: list[RecordRef] = []
    parent: list[int] = []
    owner: dict[str, int] = {}
    per_source: Counter[str] = Counter()
    joined_by: dict[int, list[str]] = {}
    for index, record in enumerate(records):
        refs.append(RecordRef(record.source, record.record_id, record.file, record.line))
        parent.append(index)
        per_source[record.source] += 1
        for key in record_keys(record, title_year=title_year):
            first = owner.setdefault(key, index)
            if first != index and _union(parent, first, index):
                joined_by.setdefault(index, []).append(key)
    groups: dict[int, list[int]] = {}
    for index in range(len(refs)):
        groups.setdefault(_find(parent, index), []).append(index)
    clusters = tuple(
        Cluster(
            tuple(refs[i] for i in members),
            tuple(k for i in members for k in joined_by.get(i, ())),
        )
        for members in sorted(groups.values(), key=lambda m: m[0])
    )
    # One entry per successful union, so the counts add up to before - after.
    merged_by = Counter(k.split(":", 1)[0] for keys in joined_by.values() for k in keys)
    return Deduplication(
        clusters=clusters,
        before=len(refs),
        after=len(clusters),
        per_source=dict(per_source),
        merged_by={rule: merged_by[rule] for rule in RULES if merged_by[rule]},
    )


def _find(parent: list[int], index: int) -> int:
    while parent[index] != index:
        parent[index] = parent[parent[index]]
        index = parent[index]
    return index


def _union(parent: list[int], a: int, b: int) -> bool:
    root_a, root_b = _find(parent, a), _find(parent, b)
    if root_a == root_b:
        return False
    low, high = sorted((root_a, root_b))
    parent[high] = low
    return True
