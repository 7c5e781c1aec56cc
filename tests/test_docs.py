"""Docs cannot drift: the CLI reference and the settings page are regenerated and compared."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_current(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(os.environ, "COLUMNS", "100")
    expected = _generator().cli_markdown()
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == expected, (
        "docs/cli.md is stale: run python scripts/gen_docs.py"
    )


def test_settings_page_is_current() -> None:
    expected = _generator().settings_markdown()
    assert (ROOT / "docs" / "settings.md").read_text(encoding="utf-8") == expected


def test_every_setting_read_is_documented() -> None:
    from diaspora_atlas.settings import SETTING_DOCS

    source = (ROOT / "src" / "diaspora_atlas" / "settings.py").read_text(encoding="utf-8")
    import re

    read = set(re.findall(r'_env\("([A-Z_]+)"', source))
    read |= {"DATA_DIR"}  # read by refdata.paths
    assert read <= set(SETTING_DOCS), read - set(SETTING_DOCS)
