"""The ingest stages: reference data and the bundled datasets into the store."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from diaspora_atlas.ingest.declared import load_declared
from diaspora_atlas.ingest.registry import BUNDLED
from diaspora_atlas.refdata import countries, fiscal_years
from diaspora_atlas.refdata.paths import data_dir

if TYPE_CHECKING:
    from diaspora_atlas.context import Context


def reference_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted((data_dir() / "refdata").glob("*.csv")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def bundled_hashes() -> dict[str, str]:
    """The content hash of each bundled dataset, by name (in load order)."""
    return {name: load_declared(data_dir() / "sources" / name).content_hash() for name in BUNDLED}


def load_reference(ctx: Context) -> dict[str, Any]:
    changed = ctx.store.load_reference(reference_hash())
    return {
        "dataset": "refdata",
        "changed": changed,
        "countries": len(countries()),
        "fiscal_years": len(fiscal_years()),
    }


def load_datasets(ctx: Context) -> dict[str, Any]:
    """Every bundled dataset whose content changed, as statements (one load each)."""
    loads = []
    for name, reader in BUNDLED.items():
        dataset = load_declared(data_dir() / "sources" / name)
        content_hash = dataset.content_hash()
        if ctx.store.dataset_is_current(dataset.name, content_hash):
            loads.append({"dataset": name, "changed": False})
            continue
        statements = list(reader.statements(dataset))
        report = ctx.store.load_dataset(
            dataset.name, content_hash, reader.sources(dataset), statements
        )
        loads.append(report.as_dict())
    return {"loads": loads}
