"""A store that is not completely built is never served as if it were the data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from diaspora_atlas.errors import StoreError
from diaspora_atlas.store import runs
from diaspora_atlas.web.serve import refuse_unbuilt_store

KILL_AT_READ_MODELS = """
import os, sys
import diaspora_atlas.stages as stages
def killed(ctx):
    os._exit(9)  # as if the process were killed mid-build
stages.rebuild_read_models = killed
from diaspora_atlas.cli import main
sys.exit(main(["build", "--quiet", "--no-report"]))
"""


def atlas(home: Path, *args: str, script: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DIASPORA_ATLAS_HOME": str(home)}
    env.pop("DIASPORA_ATLAS_DATABASE_URL", None)
    command = (
        [sys.executable, "-c", script]
        if script
        else [sys.executable, "-m", "diaspora_atlas.cli", *args]
    )
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.django_db
def test_an_empty_store_is_refused() -> None:
    state = runs.store_state()
    assert not state.complete and "never been built" in state.reason
    with pytest.raises(StoreError, match="never been built"):
        refuse_unbuilt_store("test store")


@pytest.mark.django_db
def test_an_interrupted_build_is_refused_and_a_finished_one_is_served() -> None:
    runs.start_run("r1", "build")
    runs.finish_run("r1")
    assert runs.store_state().complete
    runs.start_run("r2", "build")
    row = runs.orm.BuildRun.objects.get(id="r2")
    row.process = "some-other-host:1"
    row.save()
    state = runs.store_state()
    assert not state.complete and "run r2" in state.reason and "interrupted" in state.reason
    runs.start_run("r3", "build")  # this very process: still running
    assert "still running" in runs.store_state().reason


def test_a_killed_first_build_is_not_served_and_the_next_build_completes(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    killed = atlas(home, script=KILL_AT_READ_MODELS)
    assert killed.returncode == 9
    serve = atlas(home, "serve", "--port", "1")
    assert serve.returncode != 0
    assert "not serving" in serve.stderr and "last build" in serve.stderr
    assert "interrupted" in serve.stderr and "diaspora-atlas build" in serve.stderr
    report = atlas(home, "report", "--quiet")
    assert report.returncode != 0 and "interrupted" in report.stderr
    again = atlas(home, "build", "--quiet", "--no-report")
    assert again.returncode == 0, again.stderr
    assert "Organisations: 89" in again.stdout
