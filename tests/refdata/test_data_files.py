"""Missing or corrupted bundled tables give a DataFileError saying how to repair them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from diaspora_atlas import refdata
from diaspora_atlas.errors import DataFileError

BUNDLED = refdata.data_dir() / "refdata"


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    shutil.copytree(BUNDLED, tmp_path / "refdata")
    monkeypatch.setenv("DIASPORA_ATLAS_DATA_DIR", str(tmp_path))
    refdata.clear_caches()
    yield tmp_path / "refdata"
    refdata.clear_caches()


def _rewrite(path: Path, edit: Callable[[str], str]) -> None:
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")


def _assert_repair_message(error: DataFileError, filename: str) -> None:
    text = str(error)
    assert filename in text
    assert "scripts/derive_refdata.py" in text and "git" in text


@pytest.mark.parametrize(
    ("filename", "edit", "call"),
    [
        ("countries.csv", lambda s: s.replace("iso3,", "code,", 1), refdata.countries),
        ("countries.csv", lambda s: s.replace(",Asia,", ",Asai,", 1), refdata.countries),
        ("countries.csv", lambda s: s + "ZZZ,ZZ\n", refdata.countries),
        ("country_aliases.csv", lambda s: s.replace(",IND,", ",QQQ,", 1), refdata.phrase_index),
        ("income_groups.csv", lambda s: s.replace(",LM,", ",XL,", 1), refdata.fiscal_years),
        ("income_groups.csv", lambda s: s.replace(",2019,", ",20x9,", 1), refdata.fiscal_years),
        (
            "income_thresholds.csv",
            lambda s: s.splitlines()[0] + "\n",
            lambda: refdata.thresholds(2019),
        ),
        (
            "wb_code_changes.csv",
            lambda s: s.replace(",XKX,", ",QQQ,", 1),
            lambda: refdata.resolve_country("KSV"),
        ),
    ],
)
def test_corrupted_table(
    data_copy: Path, filename: str, edit: Callable[[str], str], call: Callable[[], object]
) -> None:
    _rewrite(data_copy / filename, edit)
    with pytest.raises(DataFileError) as caught:
        call()
    _assert_repair_message(caught.value, filename)


def test_missing_table(data_copy: Path) -> None:
    (data_copy / "income_groups.csv").unlink()
    with pytest.raises(DataFileError) as caught:
        refdata.lmic_iso3s(2019)
    _assert_repair_message(caught.value, "income_groups.csv")


def test_binary_garbage(data_copy: Path) -> None:
    (data_copy / "countries.csv").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(DataFileError):
        refdata.countries()


def test_nothing_is_read_at_import_time(tmp_path: Path) -> None:
    code = "import diaspora_atlas.refdata as r; print(r.find_country('Kerala'))"
    env = {"DIASPORA_ATLAS_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    # The import itself succeeds with no tables present; the first lookup fails cleanly.
    assert "DataFileError" in result.stderr and "country_aliases.csv is missing" in result.stderr
    assert "ImportError" not in result.stderr
