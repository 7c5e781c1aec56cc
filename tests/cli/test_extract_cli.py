"""`diaspora-atlas extract --text FILE [--json] [--all]`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diaspora_atlas.cli import main

TEXT = (
    "The Syrian American Medical Society (SAMS) and the Philippine Nurses Association of "
    "America met at Harlem Hospital."
)


def test_extract_json_lists_candidates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["extract", "--text", str(path), "--json"]) == 0
    (only,) = json.loads(capsys.readouterr().out)
    assert {
        k: only[k] for k in ("name", "start", "end", "acronym", "origin_iso3", "host_iso3")
    } == {
        "name": "Syrian American Medical Society",
        "start": 4,
        "end": 35,
        "acronym": "SAMS",
        "origin_iso3": ["SYR"],
        "host_iso3": "USA",
    }
    assert only["evidence"]


def test_extract_table_with_rejected_lookalikes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["extract", "--text", str(path), "--all"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3 and "rejected (nurses)" in out[1] and "rejected (hospital)" in out[2]


def test_extract_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--text", str(tmp_path / "none.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err
