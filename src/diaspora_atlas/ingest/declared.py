"""Declared datasets (zavod style): metadata in ``dataset.yaml`` plus assertions on row counts."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from diaspora_atlas.errors import DataFileError


@dataclass(frozen=True)
class DeclaredDataset:
    name: str
    folder: Path
    meta: dict[str, Any]

    @property
    def title(self) -> str:
        return str(self.meta.get("title", self.name))

    def content_hash(self) -> str:
        """Hash of every file in the folder: the store skips a dataset whose hash it has seen."""
        digest = hashlib.sha256()
        for path in sorted(self.folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(self.folder).as_posix().encode())
                digest.update(path.read_bytes())
        return digest.hexdigest()

    def rows(self, filename: str) -> list[dict[str, str]]:
        path = self.folder / filename
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle)
                rows = list(reader)
                header = reader.fieldnames or []
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise _broken(path, str(exc)) from exc
        if any(None in row or None in row.values() for row in rows):
            raise _broken(path, "a row has a different number of fields than the header")
        if not header:
            raise _broken(path, "the file is empty")
        return rows

    def yaml(self, filename: str) -> Any:
        path = self.folder / filename
        try:
            return yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise _broken(path, str(exc).splitlines()[0]) from exc

    def check_assertions(self) -> list[str]:
        """Problems with the declared row counts (empty when all hold)."""
        problems = []
        for filename, expected in (self.meta.get("assertions") or {}).items():
            count = len(self.rows(filename))
            if isinstance(expected, dict):
                low = int(expected.get("min", 0))
                if count < low:
                    problems.append(f"{filename}: {count} rows, expected at least {low}")
            elif count != int(expected):
                problems.append(f"{filename}: {count} rows, expected {expected}")
        return problems


def _broken(path: Path, why: str) -> DataFileError:
    return DataFileError(
        f"bundled data file {path} is unreadable: {why}",
        f"restore it with `git checkout -- {path.name}` in {path.parent}, or re-run its script in scripts/",
    )


def load_declared(folder: Path) -> DeclaredDataset:
    meta_path = folder / "dataset.yaml"
    try:
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise _broken(meta_path, str(exc).splitlines()[0]) from exc
    if not isinstance(meta, dict) or "name" not in meta:
        raise _broken(meta_path, "it does not declare a dataset name")
    dataset = DeclaredDataset(name=str(meta["name"]), folder=folder, meta=meta)
    problems = dataset.check_assertions()
    if problems:
        raise _broken(folder / "dataset.yaml", "assertion failed: " + "; ".join(problems))
    return dataset
