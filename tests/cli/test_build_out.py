"""`build --out` as a user runs it: a folder the build did not make is refused before any work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def build(out: str, home: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIASPORA_ATLAS_")}
    env["DIASPORA_ATLAS_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "diaspora_atlas.cli", "build", "--no-report", "--out", out],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_victim_folder_is_refused_and_nothing_is_lost(tmp_path: Path) -> None:
    (tmp_path / "victim").mkdir()
    (tmp_path / "victim.old").mkdir()
    (tmp_path / "victim" / "thesis.docx").write_text("precious\n", encoding="utf-8")
    done = build("victim", tmp_path / "home", tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("diaspora-atlas: error: will not write the build outputs to")
    assert done.stderr.count("\n") == 1 and "did not make" in done.stderr
    assert (tmp_path / "victim" / "thesis.docx").read_text(encoding="utf-8") == "precious\n"
    assert (tmp_path / "victim.old").is_dir()
    assert not (tmp_path / "home").exists()  # refused before the store was opened


def test_a_regular_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("hi\n", encoding="utf-8")
    done = build("afile", tmp_path / "home", tmp_path)
    assert done.returncode == 1 and "it is a file" in done.stderr
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "hi\n"
