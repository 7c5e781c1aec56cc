"""The web layer reads through the store's query functions only (DESIGN.md §4)."""

from __future__ import annotations

import ast
from pathlib import Path

WEB = Path(__file__).resolve().parents[2] / "src" / "diaspora_atlas" / "web"
ALLOWED = {"web", "store", "report", "model", "refdata", "errors", "settings", "protocol"}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_web_imports_only_what_it_may() -> None:
    modules = sorted(WEB.rglob("*.py"))
    assert len(modules) > 10
    for path in modules:
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] == "diaspora_atlas" and len(parts) > 1:
                assert parts[1] in ALLOWED, f"{path.name} imports {name}"
            assert name != "diaspora_atlas.store.models", f"{path.name} uses the ORM"
            assert not name.startswith(("django.db", "sqlite3", "psycopg")), f"{path.name}: {name}"
