"""Settings that say what they do: the secret key generated once per install, HSTS/proxy."""

from __future__ import annotations

import multiprocessing
import stat
from pathlib import Path

import pytest

from diaspora_atlas.errors import AtlasError
from diaspora_atlas.settings import SECRET_KEY_FILE, installed_secret_key, load_settings

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("SECRET_KEY", "HSTS_SECONDS", "TLS_PROXY"):
        monkeypatch.delenv(f"DIASPORA_ATLAS_{name}", raising=False)
    monkeypatch.setenv("DIASPORA_ATLAS_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_the_secret_key_is_generated_once_and_kept_private(home: Path) -> None:
    first = load_settings().secret_key
    path = home / SECRET_KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) >= 50 and first == path.read_text(encoding="utf-8").strip()
    assert load_settings().secret_key == first
    assert [p.name for p in home.iterdir()] == [SECRET_KEY_FILE]  # no temporary files left


def test_two_installs_get_different_keys(tmp_path: Path) -> None:
    assert installed_secret_key(tmp_path / "a") != installed_secret_key(tmp_path / "b")


def test_the_variable_overrides_and_writes_nothing(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIASPORA_ATLAS_SECRET_KEY", "from-the-environment")
    assert load_settings().secret_key == "from-the-environment"
    assert not home.exists()


def test_only_reading_settings_writes_nothing(home: Path) -> None:
    assert load_settings().home == home and not home.exists()


def test_an_empty_key_file_is_a_clear_error(home: Path) -> None:
    home.mkdir()
    (home / SECRET_KEY_FILE).write_text("\n", encoding="utf-8")
    with pytest.raises(AtlasError, match="is empty") as error:
        load_settings().secret_key  # noqa: B018
    assert "DIASPORA_ATLAS_SECRET_KEY" in str(error.value)


def _key(path: str) -> str:
    return installed_secret_key(Path(path))


def test_processes_starting_together_agree_on_one_key(tmp_path: Path) -> None:
    path = str(tmp_path / "home" / SECRET_KEY_FILE)
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        keys = pool.map(_key, [path] * 8)
    assert len(set(keys)) == 1


def test_the_django_site_uses_the_installed_key() -> None:
    from django.conf import settings

    assert settings.SECRET_KEY != "diaspora-atlas-local-only-key" and len(settings.SECRET_KEY) >= 50


def test_var_is_never_committed() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert "var/" in ignored


def test_hsts_and_proxy(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings().hsts_seconds == 0 and not load_settings().tls_proxy
    monkeypatch.setenv("DIASPORA_ATLAS_HSTS_SECONDS", "300")
    monkeypatch.setenv("DIASPORA_ATLAS_TLS_PROXY", "1")
    assert load_settings().hsts_seconds == 300 and load_settings().tls_proxy
    monkeypatch.setenv("DIASPORA_ATLAS_HSTS_SECONDS", "a year")
    with pytest.raises(AtlasError, match=r"HSTS_SECONDS=.a year. is not a number"):
        load_settings()
