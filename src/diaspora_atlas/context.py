"""What every pipeline stage is handed (DESIGN.md §3, after zavod's ``Context``): settings,
the store, the study protocol, progress, the run id, the output folder and the command's
options. Stages read and write only through it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from diaspora_atlas.http import Cassette, HttpClient, HttpConfig, Resolver
from diaspora_atlas.model.store_api import StoreApi
from diaspora_atlas.progress import Progress
from diaspora_atlas.protocol import Protocol
from diaspora_atlas.settings import Settings


@dataclass
class Context:
    settings: Settings
    store: StoreApi
    protocol: Protocol
    progress: Progress
    run_id: str
    out_dir: Path
    options: Mapping[str, Any] = field(default_factory=dict)

    def option(self, name: str, default: Any = None) -> Any:
        return self.options.get(name, default)

    def http_client(self, resolver: Resolver | None = None, **config: Any) -> HttpClient:
        """The project's one HTTP client, configured from the settings (``config`` overrides
        fields of ``HttpConfig``); its warnings are shown with the progress lines. Use it as
        ``async with ctx.http_client() as client``. ``resolver`` replaces DNS (test servers;
        the address guard still checks what it answers)."""
        settings = HttpConfig.from_settings()
        return HttpClient(
            replace(settings, **config) if config else settings,
            resolver=resolver,
            cassette=self.cassette(),
            on_warning=lambda message: self.progress.note("warning", message),
        )

    def cassette(self) -> Cassette | None:
        """The command's ``--cassette FILE``: its answers replayed instead of the network, or,
        with ``--record``, the network's answers written to it (keys redacted)."""
        path = self.option("cassette")
        if not path:
            return None
        return Cassette(Path(str(path)), mode="record" if self.option("record") else "replay")
