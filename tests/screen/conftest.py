"""A Context over the test database with the hand-made run loaded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from diaspora_atlas.context import Context
from diaspora_atlas.progress import Progress
from diaspora_atlas.protocol import Protocol, load_protocol
from diaspora_atlas.settings import load_settings

from .handmade import RUN, load_handmade


def make_context(tmp_path: Path, protocol: Protocol | None = None, **options: Any) -> Context:
    from diaspora_atlas.store.facade import SqlStore

    return Context(
        settings=load_settings(),
        store=SqlStore("test"),
        protocol=protocol or load_protocol("frehywot2019"),
        progress=Progress(enabled=False),
        run_id="test",
        out_dir=tmp_path / "out",
        options={"run": RUN, "decisions_file": str(tmp_path / "decisions.csv"), **options},
    )


@pytest.fixture
def ctx(db: None, tmp_path: Path) -> Context:
    load_handmade()
    return make_context(tmp_path)
