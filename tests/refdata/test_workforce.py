from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.refdata import clear_caches, data_dir
from diaspora_atlas.refdata import workforce as wf


@pytest.fixture
def copied_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    target = tmp_path / "data"
    shutil.copytree(data_dir() / "workforce", target / "workforce")
    monkeypatch.setenv("DIASPORA_ATLAS_DATA_DIR", str(target))
    clear_caches()
    yield target
    monkeypatch.delenv("DIASPORA_ATLAS_DATA_DIR")
    clear_caches()


def test_bundled_tables() -> None:
    densities, stocks = wf.doctor_densities(), wf.foreign_trained_doctors()
    assert len(densities) == 194 and len(stocks) == 1576
    assert densities["NGA"].year >= 2010 and densities["NGA"].per10000 > 0
    assert stocks[("GBR", "IND")].stock > 10_000
    assert not wf.oecd_origins("USA"), "the OECD has no figures for the USA"
    assert len(wf.oecd_origins("AUS")) == 14
    assert len(wf.oecd_origins("GBR")) > 150


def test_sources_name_the_licences() -> None:
    sources = wf.sources()
    assert sources[wf.WHO].licence == "CC BY-NC-SA 3.0 IGO"
    assert "non-commercial" in sources[wf.WHO].licence_note
    assert "OECD" in sources[wf.OECD].publisher


def test_caveats_are_marked_inferred_with_a_source() -> None:
    for note in wf.caveats().values():
        assert note.startswith("inferred:") and "https://" in note


def test_a_corrupted_table_is_a_clear_error(copied_data: Path) -> None:
    (copied_data / "workforce" / "who_doctors_per10000.csv").write_text(
        "iso3,value,year\nNGA,-1,2018\n", encoding="utf-8"
    )
    with pytest.raises(DataFileError, match="line 2") as caught:
        wf.doctor_densities()
    assert "derive_workforce.py" in (caught.value.hint or "")


def test_a_missing_table_is_a_clear_error(copied_data: Path) -> None:
    (copied_data / "workforce" / "oecd_foreign_trained_doctors.csv").unlink()
    with pytest.raises(DataFileError, match="is missing"):
        wf.foreign_trained_doctors()
