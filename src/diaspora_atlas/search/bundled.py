"""Search runs bundled with the project, declared in ``data/searches/<folder>/searches.yaml``:
each file with its run, format, engine, protocol and the log of the queries sent. The build
imports them (a stage) when their content changes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.refdata.paths import data_dir

DECLARATION = "searches.yaml"


@dataclass(frozen=True)
class BundledSearch:
    folder: Path
    file: Path
    run: str
    protocol: str
    fmt: str | None = None
    engine: str = ""
    queries: Path | None = None
    hits_reported: int | None = None

    def content_hash(self) -> str:
        digest = hashlib.sha256()
        for part in (self.run, self.protocol, self.fmt or "", self.engine, str(self.hits_reported)):
            digest.update(part.encode() + b"\x1f")
        for path in (self.file, self.queries):
            if path is not None:
                digest.update(path.read_bytes())
        return digest.hexdigest()


def searches_dir() -> Path:
    return data_dir() / "searches"


def _entry(folder: Path, raw: object, where: str) -> BundledSearch:
    if not isinstance(raw, dict) or "file" not in raw or "run" not in raw:
        raise DataFileError(f"{where}: each entry needs at least file and run")
    file = folder / str(raw["file"])
    queries = folder / str(raw["queries"]) if raw.get("queries") else None
    for path in (file, queries):
        if path is not None and not path.is_file():
            raise DataFileError(f"{where}: {path.name} does not exist", "restore data/searches/")
    hits = raw.get("hits_reported")
    return BundledSearch(
        folder=folder,
        file=file,
        run=str(raw["run"]),
        protocol=str(raw.get("protocol", "")),
        fmt=str(raw["format"]) if raw.get("format") else None,
        engine=str(raw.get("engine", "")),
        queries=queries,
        hits_reported=int(hits) if hits is not None else None,
    )


def bundled_searches() -> list[BundledSearch]:
    """Every declared file, folder by folder."""
    found: list[BundledSearch] = []
    for declaration in sorted(searches_dir().glob(f"*/{DECLARATION}")):
        try:
            raw = yaml.safe_load(declaration.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise DataFileError(f"cannot read {declaration}: {exc}") from exc
        entries = raw.get("files") if isinstance(raw, dict) else None
        if not isinstance(entries, list):
            raise DataFileError(f"{declaration}: expected a list 'files'")
        found += [_entry(declaration.parent, e, str(declaration)) for e in entries]
    return found


def bundled_search_hashes() -> dict[str, str]:
    return {f"{s.run}:{s.file.name}": s.content_hash() for s in bundled_searches()}
