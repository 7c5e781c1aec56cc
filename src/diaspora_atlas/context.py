"""What every pipeline stage is handed (DESIGN.md §3, after zavod's ``Context``): settings,
the store, the study protocol, progress, the run id, the output folder and the command's
options. Stages read and write only through it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diaspora_atlas.model.store_api import StoreApi
from diaspora_atlas.progress import Progress
from diaspora_atlas.settings import Settings


@dataclass
class Context:
    settings: Settings
    store: StoreApi
    progress: Progress
    run_id: str
    out_dir: Path
    options: Mapping[str, Any] = field(default_factory=dict)

    def option(self, name: str, default: Any = None) -> Any:
        return self.options.get(name, default)
