"""Where the bundled reference tables live.

The tables are derived by ``scripts/derive_refdata.py`` into ``<repo>/data/refdata`` and
committed. The package finds them relative to its own source file, so only source checkouts
and editable installs (``pip install -e .``) are supported; point ``DIASPORA_ATLAS_DATA_DIR``
at a copy of ``data/`` for any other layout.
"""

from __future__ import annotations

import os
from pathlib import Path

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
