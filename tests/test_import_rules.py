"""The layering rules of DESIGN.md §4, enforced on the source tree."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "diaspora_atlas"
STAGES = {"search", "extract", "resolve", "screen", "verify", "synthesise", "ingest"}
# What each part may import from the package (its own modules always allowed).
ALLOWED: dict[str, set[str]] = {
    "model": {"model", "refdata", "errors"},
    "refdata": {"refdata", "model", "errors"},
    "protocol": {"protocol", "refdata", "model", "errors", "settings"},
    **{stage: {stage, "model", "refdata", "errors", "settings", "protocol"} for stage in STAGES},
    "store": {"store", "model", "refdata", "errors", "settings"},
    "report": {"report", "store", "model", "refdata", "errors", "settings", "protocol"},
    "web": {"web", "store", "report", "model", "refdata", "errors", "settings", "protocol"},
}


def our_imports(path: Path) -> set[str]:
    """Top-level parts of diaspora_atlas that a module imports (diaspora_atlas.X -> X)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "diaspora_atlas" and len(parts) > 1:
                found.add(parts[1])
    return found


def part_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_respects_layering(path: Path) -> None:
    part = part_of(path)
    imported = our_imports(path)
    assert "cli" not in imported or part == "cli", "nothing imports cli"
    allowed = ALLOWED.get(part)
    if allowed is not None:
        assert imported <= allowed, f"{part} may not import {sorted(imported - allowed)}"


def test_django_stays_out_of_model_and_stages() -> None:
    for path in MODULES:
        if part_of(path) in STAGES | {"model", "refdata"}:
            source = path.read_text(encoding="utf-8")
            assert "import django" not in source and "from django" not in source, path


def test_the_rules_see_real_imports() -> None:
    # Guard against a checker that silently sees nothing.
    assert our_imports(PACKAGE / "pipeline.py") >= {"store", "ingest", "report"}
