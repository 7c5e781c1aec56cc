"""The engines a search can be run on: syntax, limits (with their sources) and how a
connector talks to each, read from data/rules/engines.yaml (data people decide)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

import yaml

from diaspora_atlas.errors import DataFileError, UsageError
from diaspora_atlas.protocol import Protocol
from diaspora_atlas.refdata.paths import data_dir

ENGINES_FILE = ("rules", "engines.yaml")
RUN_BY = ("api", "hand")


@dataclass(frozen=True)
class EngineRule:
    id: str
    name: str
    syntax: str
    run_by: str  # "api": a connector sends it; "hand": a person runs it
    interface: str
    limit_source: str
    max_chars: int | None = None
    max_words: int | None = None
    field: str = ""  # a field tag, where the syntax takes one (PubMed: "All Fields")
    join: str = "AND"  # how the country and the terms are joined (LexisNexis: AND, w/p, w/s)
    base_url: str = ""
    rate: float = 0.0
    rate_with_key: float = 0.0
    rate_source: str = ""
    page_size: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "syntax": self.syntax,
            "run_by": self.run_by,
            "interface": self.interface,
            "max_chars": self.max_chars,
            "max_words": self.max_words,
            "limit_source": self.limit_source,
        }


def _optional_int(raw: object, where: str) -> int | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or raw <= 0:
        raise DataFileError(f"{where}: expected a positive whole number or null, not {raw!r}")
    return raw


def _rule(engine_id: str, raw: Mapping[str, Any], path: str) -> EngineRule:
    where = f"{path}: engines.{engine_id}"
    try:
        rule = EngineRule(
            id=engine_id,
            name=str(raw["name"]),
            syntax=str(raw["syntax"]),
            run_by=str(raw["run_by"]),
            interface=str(raw["interface"]),
            limit_source=str(raw["limit_source"]).strip(),
            max_chars=_optional_int(raw.get("max_chars"), where + ".max_chars"),
            max_words=_optional_int(raw.get("max_words"), where + ".max_words"),
            field=str(raw.get("field", "")),
            join=str(raw.get("join", "AND")),
            base_url=str(raw.get("base_url", "")),
            rate=float(raw.get("rate", 0)),
            rate_with_key=float(raw.get("rate_with_key", 0)),
            rate_source=str(raw.get("rate_source", "")).strip(),
            page_size=int(raw.get("page_size", 0)),
        )
    except KeyError as exc:
        raise DataFileError(f"{where}: missing field {exc.args[0]!r}") from None
    except (TypeError, ValueError) as exc:
        raise DataFileError(f"{where}: {exc}") from None
    if rule.run_by not in RUN_BY:
        raise DataFileError(f"{where}.run_by: expected one of {', '.join(RUN_BY)}")
    return rule


@cache
def engine_rules() -> Mapping[str, EngineRule]:
    """Every engine of data/rules/engines.yaml, by id, in the file's order."""
    path = data_dir().joinpath(*ENGINES_FILE)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"cannot read {path}: {exc}", "restore data/rules/ from git") from exc
    engines = raw.get("engines") if isinstance(raw, dict) else None
    if not isinstance(engines, dict) or not engines:
        raise DataFileError(f"{path}: expected a mapping 'engines' of engine ids")
    return MappingProxyType({str(k): _rule(str(k), v, str(path)) for k, v in engines.items()})


def engine_rule(engine_id: str) -> EngineRule:
    rules = engine_rules()
    if engine_id not in rules:
        raise UsageError(
            f"no rules for engine {engine_id!r} in data/rules/engines.yaml",
            "known engines: " + ", ".join(rules),
        )
    return rules[engine_id]


def planned_engines(protocol: Protocol, wanted: tuple[str, ...] = ()) -> tuple[EngineRule, ...]:
    """The engines a plan covers: ``wanted`` (any engine of engines.yaml), else the
    protocol's engines."""
    ids = wanted or tuple(e.id for e in protocol.search.engines)
    return tuple(engine_rule(i) for i in dict.fromkeys(ids))
