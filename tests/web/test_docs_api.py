"""docs/api.md cannot drift from the OpenAPI document: every path and schema is on it."""

from __future__ import annotations

from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def test_every_route_and_schema_is_documented() -> None:
    from diaspora_atlas.web.api import api

    schema = api.get_openapi_schema(path_prefix="/api")
    text = DOC.read_text(encoding="utf-8")
    for path, operations in schema["paths"].items():
        for method in operations:
            assert f"| {method.upper()} | `{path}` |" in text, (method, path)
    for name in schema["components"]["schemas"]:
        assert f"`{name}`" in text, name


def test_match_thresholds_are_the_documented_ones() -> None:
    from diaspora_atlas.web import matching

    text = DOC.read_text(encoding="utf-8")
    assert f"at least **{matching.CHOSEN_FUZZY:.2f}**" in text
    assert f"at least **{matching.CHOSEN_MARGIN:.2f}**" in text
    assert f"under **{matching.MIN_SCORE}**" in text
    assert f"{matching.STATED_ACRONYM} / {matching.DERIVED_ACRONYM}" in text
