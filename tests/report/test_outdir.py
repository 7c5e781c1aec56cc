"""Fault tests for the build's output folder: it replaces only a folder it made itself."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from diaspora_atlas.errors import AtlasError
from diaspora_atlas.report.outdir import MARKER, read_marker, remove_leftovers, staged_output


def build_into(target: Path, text: str = "v1") -> None:
    with staged_output(target) as staging:
        (staging / "results.json").write_text(text, encoding="utf-8")
        (staging / "report").mkdir()
        (staging / "report" / "index.html").write_text(text, encoding="utf-8")


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.glob(".build-*"))


def test_a_folder_the_build_did_not_make_is_refused_and_kept(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    (tmp_path / "victim.old").mkdir()
    (victim / "thesis.docx").write_text("precious", encoding="utf-8")
    with pytest.raises(AtlasError, match="did not make") as error:
        build_into(victim)
    assert "\n" not in str(error.value) and "--out" in str(error.value)
    assert (victim / "thesis.docx").read_text(encoding="utf-8") == "precious"
    assert (tmp_path / "victim.old").is_dir()
    assert leftovers(tmp_path) == []


def test_a_regular_file_is_refused_and_kept(tmp_path: Path) -> None:
    target = tmp_path / "afile"
    target.write_text("hi", encoding="utf-8")
    with pytest.raises(AtlasError, match="it is a file"):
        build_into(target)
    assert target.read_text(encoding="utf-8") == "hi"


def test_a_pipe_and_a_link_to_a_device_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(AtlasError, match="not a folder"):
        build_into(fifo)
    assert fifo.is_fifo()
    link = tmp_path / "devnull"
    link.symlink_to(os.devnull)
    with pytest.raises(AtlasError, match="symbolic link"):
        build_into(link)
    assert link.is_symlink() and Path(os.devnull).is_char_device()


def test_a_link_to_the_builds_own_folder_is_refused(tmp_path: Path) -> None:
    build_into(tmp_path / "real")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    with pytest.raises(AtlasError, match="symbolic link"):
        build_into(tmp_path / "link")
    assert (tmp_path / "link").is_symlink()


def test_a_parent_that_is_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    with pytest.raises(AtlasError, match="is not a folder"):
        build_into(tmp_path / "plain" / "out")


def test_an_empty_folder_is_used_and_marked(tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    build_into(target)
    assert (target / "results.json").read_text(encoding="utf-8") == "v1"
    marker = read_marker(target)
    assert marker is not None and marker["tool"] == "diaspora-atlas"
    assert marker["files"] == ["report", "report/index.html", "results.json"]


def test_a_second_build_replaces_its_own_folder_only(tmp_path: Path) -> None:
    target = tmp_path / "out"
    (tmp_path / "out.old").mkdir()
    (tmp_path / "out.old" / "keep.txt").write_text("mine", encoding="utf-8")
    build_into(target, "v1")
    build_into(target, "v2")
    assert (target / "results.json").read_text(encoding="utf-8") == "v2"
    assert (tmp_path / "out.old" / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert leftovers(tmp_path) == []
    assert json.loads((target / MARKER).read_text(encoding="utf-8"))["version"]


def test_a_file_added_to_the_builds_folder_is_not_deleted(tmp_path: Path) -> None:
    target = tmp_path / "out"
    build_into(target)
    (target / "report" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(AtlasError, match=r"report/notes\.txt"):
        build_into(target, "v2")
    assert (target / "report" / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (target / "results.json").read_text(encoding="utf-8") == "v1"


def test_a_file_added_while_the_build_runs_is_not_deleted(tmp_path: Path) -> None:
    target = tmp_path / "out"
    build_into(target)
    with pytest.raises(AtlasError, match=r"did not write: late\.txt"), staged_output(target) as s:
        (s / "results.json").write_text("v2", encoding="utf-8")
        (target / "late.txt").write_text("mine", encoding="utf-8")
    assert (target / "late.txt").read_text(encoding="utf-8") == "mine"
    assert (target / "results.json").read_text(encoding="utf-8") == "v1"
    assert leftovers(tmp_path) == []


def test_a_failed_build_leaves_the_old_outputs(tmp_path: Path) -> None:
    target = tmp_path / "out"
    build_into(target)
    with pytest.raises(RuntimeError), staged_output(target) as staging:
        (staging / "results.json").write_text("half", encoding="utf-8")
        raise RuntimeError("boom")
    assert (target / "results.json").read_text(encoding="utf-8") == "v1"
    assert leftovers(tmp_path) == []


def test_leftovers_are_removed_only_when_the_build_made_them(tmp_path: Path) -> None:
    killed = tmp_path / ".build-killed"
    killed.mkdir()
    (killed / MARKER).write_text('{"tool": "diaspora-atlas"}', encoding="utf-8")
    (killed / "results.json").write_text("half", encoding="utf-8")
    foreign = tmp_path / ".build-someone-elses"
    foreign.mkdir()
    (foreign / "data.txt").write_text("mine", encoding="utf-8")
    running = tmp_path / ".build-running"
    running.mkdir()
    (running / MARKER).write_text('{"tool": "diaspora-atlas"}', encoding="utf-8")
    (tmp_path / ".build-file").write_text("mine", encoding="utf-8")
    fd = os.open(running / MARKER, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as a build in progress holds it
        assert remove_leftovers(tmp_path) == [killed]
    finally:
        os.close(fd)
    assert leftovers(tmp_path) == [".build-file", ".build-running", ".build-someone-elses"]


KILLED_BUILD = """
import sys, time
from pathlib import Path
from diaspora_atlas.report.outdir import staged_output
with staged_output(Path(sys.argv[1])) as staging:
    (staging / "results.json").write_text("half")
    print("staged", flush=True)
    time.sleep(60)
"""


def test_a_killed_build_is_cleaned_up_by_the_next(tmp_path: Path) -> None:
    target = tmp_path / "out"
    build_into(target)
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_BUILD, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline() == "staged\n"
    assert len(leftovers(tmp_path)) == 1
    build_into(tmp_path / "other")  # a build running beside it leaves it alone
    assert len(leftovers(tmp_path)) == 1
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    time.sleep(0.1)
    build_into(target, "v2")
    assert leftovers(tmp_path) == []
    assert (target / "results.json").read_text(encoding="utf-8") == "v2"
