"""The bundled datasets the build loads, in order, and how to read each into statements."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from diaspora_atlas.ingest import frehywot2019, update2026, web2026
from diaspora_atlas.ingest.declared import DeclaredDataset
from diaspora_atlas.model import Source, Statement


@dataclass(frozen=True)
class DatasetReader:
    statements: Callable[[DeclaredDataset], Iterable[Statement]]
    sources: Callable[[DeclaredDataset], list[Source]]


BUNDLED: dict[str, DatasetReader] = {
    "frehywot2019": DatasetReader(
        statements=frehywot2019.statements,
        sources=lambda dataset: [frehywot2019.paper_source(dataset)],
    ),
    "web2026": DatasetReader(statements=web2026.statements, sources=web2026.sources),
    "update2026": DatasetReader(statements=update2026.statements, sources=update2026.sources),
}
