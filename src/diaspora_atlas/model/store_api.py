"""What a pipeline stage may ask of the store (DESIGN.md §3: stages talk only through it).

A ``typing.Protocol``, so stages depend on this pure interface while ``store.facade``
implements it with the ORM; tests may hand a stage any object with these methods."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from diaspora_atlas.model.judgement import Judgement
from diaspora_atlas.model.projection import EntityView
from diaspora_atlas.model.source import Source
from diaspora_atlas.model.statement import Schema, Statement


@dataclass(frozen=True)
class LoadReport:
    dataset: str
    skipped: bool
    added: int = 0
    retracted: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "dataset": self.dataset,
            "changed": not self.skipped,
            "added": self.added,
            "retracted": self.retracted,
            "unchanged": self.unchanged,
        }


class StoreApi(Protocol):
    def dataset_is_current(self, dataset: str, content_hash: str) -> bool: ...

    def load_dataset(
        self,
        dataset: str,
        content_hash: str,
        sources: Sequence[Source],
        statements: Sequence[Statement],
        scope: Collection[str] | None = None,
    ) -> LoadReport:
        """One load of ``dataset``; with ``scope``, only those entities' statements of the
        dataset are compared (statements vanished elsewhere are not retracted)."""
        ...

    def load_reference(self, content_hash: str) -> bool: ...

    def entity_views(self, schema: Schema) -> dict[str, EntityView]: ...

    def judgements(self, subjects: Iterable[str] | None = None) -> dict[str, list[Judgement]]: ...

    def record_judgement(self, judgement: Judgement) -> Judgement: ...

    def rebuild_read_models(self) -> dict[str, int]: ...

    def version(self, excluding: Sequence[str] = ()) -> str:
        """Changes whenever statements or judgements change (for skipping stages); loads of
        the datasets in ``excluding`` do not count."""
        ...
