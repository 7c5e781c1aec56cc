"""The layering rules of DESIGN.md §4 and docs/architecture.md, enforced on the source tree.

Every import of our package is resolved to the full name of the module it reaches
(``from diaspora_atlas import web``, ``from diaspora_atlas.store import models as orm`` and
relative imports included), and every module must belong to a part this table knows."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "diaspora_atlas"
ROOT = "diaspora_atlas"
STAGES = {"search", "extract", "resolve", "screen", "verify", "synthesise", "ingest"}
BASE = {"model", "refdata", "errors", "settings"}
# What each part may import from the package (its own modules always allowed).
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "settings": {"errors"},
    "progress": set(),
    "model": {"model", "refdata", "errors"},
    "refdata": {"refdata", "model", "errors"},
    "protocol": BASE | {"protocol"},
    "http": {"http", "errors", "settings", "model"},
    "context": BASE | {"progress", "protocol", "http"},
    **{stage: BASE | {stage, "protocol", "http", "context", "progress"} for stage in STAGES},
    "store": BASE | {"store"},
    # report may use synthesise's pure analysis (gaps, completeness): it never imports a stage's
    # stage module, and no stage imports report
    "report": BASE | {"report", "store", "protocol", "context", "progress", "synthesise"},
    "web": BASE | {"web", "store", "report", "protocol"},
    "curation": BASE | {"store", "protocol"},
    "djangosite": {"settings"},
    "stages": BASE | STAGES | {"context", "report", "protocol", "progress"},
    "pipeline": BASE
    | STAGES
    | {"store", "report", "protocol", "context", "progress", "stages", "http"},
    "cli": None,  # anything
    "cli_search": None,  # the `search` commands of cli (anything; only cli imports it)
    "screening_cli": None,  # anything (the screen commands; only cli imports it)
    "cli_common": {"errors", "protocol"},  # what the three command modules share
    "__init__": set(),
    "__main__": {"cli"},
}
KNOWN_PARTS = set(ALLOWED)


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE).with_suffix("")
    parts = [ROOT, *relative.parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def imported_modules(source: str, here: str, is_pkg: bool) -> set[str]:
    """Full names of our modules (or packages) that the module ``here`` imports."""
    tree = ast.parse(source)
    package = here if is_pkg else here.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            # `from diaspora_atlas import web` / `from diaspora_atlas.store import models`
            found.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
    return {name for name in found if name == ROOT or name.startswith(ROOT + ".")}


def existing(name: str) -> bool:
    relative = Path(*name.split(".")[1:])
    return (PACKAGE / relative).with_suffix(".py").is_file() or (
        PACKAGE / relative / "__init__.py"
    ).is_file()


def part_of_module(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def our_imports(path: Path, source: str | None = None) -> set[str]:
    """The parts of the package a module imports (``diaspora_atlas.X.y`` -> ``X``); names
    that are attributes of a module (``from x import some_function``) are dropped."""
    text = path.read_text(encoding="utf-8") if source is None else source
    names = imported_modules(text, module_name(path), is_package(path))
    return {part_of_module(name) for name in names if existing(name) and name != ROOT}


def part_of(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_respects_layering(path: Path) -> None:
    part = part_of(path)
    assert part in KNOWN_PARTS, f"{part} is not in the layering table: add it with its rules"
    imported = our_imports(path)
    assert "cli" not in imported or part == "cli", "nothing imports cli"
    assert "cli_search" not in imported or part in ("cli", "cli_search"), "only cli imports it"
    assert "screening_cli" not in imported or part in ("cli", "screening_cli"), "only cli"
    commands = ("cli", "cli_search", "screening_cli", "cli_common")
    assert "cli_common" not in imported or part in commands, "only the command modules"
    allowed = ALLOWED[part]
    if allowed is not None:
        assert imported - {part} <= allowed, f"{part} may not import {sorted(imported - allowed)}"


def test_django_stays_out_of_model_and_stages() -> None:
    for path in MODULES:
        if part_of(path) in STAGES | {"model", "refdata", "protocol", "http", "context"}:
            source = path.read_text(encoding="utf-8")
            assert "import django" not in source and "from django" not in source, path


def test_the_rules_see_every_form_of_import() -> None:
    """Guard against a checker that silently sees nothing."""
    assert {"store", "stages", "context"} <= our_imports(PACKAGE / "pipeline.py")
    assert "store" in our_imports(PACKAGE / "store" / "projections.py")
    source = (
        "from diaspora_atlas import web\n"
        "from diaspora_atlas.store import models as orm\n"
        "from ..ingest import stages\n"
        "from . import tables\n"
        "import diaspora_atlas.cli\n"
    )
    probe = PACKAGE / "report" / "probe.py"  # never written: only its name is used
    assert our_imports(probe, source) == {"web", "store", "ingest", "report", "cli"}
