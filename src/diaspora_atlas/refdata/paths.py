"""Where the bundled reference tables live.

The tables are derived by ``scripts/derive_refdata.py`` into ``<repo>/data/refdata`` and
committed. The package finds them relative to its own source file, so only source checkouts
and editable installs (``pip install -e .``) are supported; point ``DIASPORA_ATLAS_DATA_DIR``
at a copy of ``data/`` for any other layout.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from pathlib import Path

from diaspora_atlas.errors import DataFileError

DATA_DIR_ENV = "DIASPORA_ATLAS_DATA_DIR"


def data_dir() -> Path:
    """The project's ``data/`` directory (``$DIASPORA_ATLAS_DATA_DIR`` overrides it)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    # src/diaspora_atlas/refdata/paths.py -> parents[3] is the repository root.
    return Path(__file__).resolve().parents[3] / "data"


def refdata_dir() -> Path:
    """The directory holding the derived reference tables (``data/refdata``)."""
    return data_dir() / "refdata"


def rule_rows(name: str, required: Sequence[str] = ()) -> list[dict[str, str]]:
    """The rows of ``data/rules/<name>`` (a CSV table people edit), each a dict by column;
    a missing file or a missing ``required`` column is a DataFileError naming the file."""
    path = data_dir() / "rules" / name
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in required if c not in (reader.fieldnames or ())]
            if missing:
                raise DataFileError(
                    f"{path}: column {', '.join(missing)} missing", "restore data/rules/ from git"
                )
            return list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataFileError(f"cannot read {path}: {exc}", "restore data/rules/ from git") from exc
