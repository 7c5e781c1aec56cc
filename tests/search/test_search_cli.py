"""The ``search`` commands end to end, each in a fresh home (its own SQLite store)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

HEADER = ["engine", "query", "rank", "url", "title", "snippet", "date"]


def atlas(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DIASPORA_ATLAS_HOME": str(home)}
    env.pop("DIASPORA_ATLAS_DATABASE_URL", None)
    command = [sys.executable, "-m", "diaspora_atlas.cli", "search", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


def web_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def row(query: str, rank: int, url: str, snippet: str) -> list[str]:
    return ["google", query, str(rank), url, f"Title {rank}", snippet, "2026-11-30"]


def status(home: Path) -> Any:
    done = atlas(home, "status", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_plan_writes_csv_and_markdown(tmp_path: Path) -> None:
    done = atlas(
        tmp_path,
        "plan",
        "--engine",
        "pubmed",
        "--engine",
        "google",
        "--out",
        str(tmp_path / "p"),
        "--json",
    )
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    assert plan["countries"] == 137 and len(plan["queries"]) == 274
    assert {e["id"]: e["queries"] for e in plan["engines"]} == {"pubmed": 137, "google": 137}
    rows = list(
        csv.DictReader((tmp_path / "p" / "search-plan-frehywot2019.csv").open(encoding="utf-8"))
    )
    assert len(rows) == 274 and rows[0]["query"].startswith('"Afghanistan"[All Fields] AND (')
    assert any(p.suffix == ".md" for p in (tmp_path / "p").iterdir())


def test_import_validates_first_adds_second_file_and_dedupes(tmp_path: Path) -> None:
    query = "Ghana medical diaspora"
    bad = tmp_path / "bad.csv"
    bad.write_text(
        ",".join(HEADER) + "\ngoogle,q,1,https://a.example/,T,s,2026-11-30\ngoogle,q,x,,,\n",
        encoding="utf-8",
    )
    refused = atlas(tmp_path, "import", str(bad), "--run", "r")
    assert refused.returncode != 0 and "line 3" in refused.stderr
    errors = [line for line in refused.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "Traceback" not in refused.stderr  # one clear line
    assert status(tmp_path)["runs"] == []  # nothing changed

    first = web_csv(
        tmp_path / "one.csv",
        [
            row(
                query,
                1,
                "https://gpsf.example/",
                "The Ghana Physicians and Surgeons Foundation of North America sends teams.",
            ),
            row(query, 2, "https://other.example/a", "Nothing here."),
        ],
    )
    second = web_csv(
        tmp_path / "two.csv",
        [row("Ghana physicians abroad", 1, "https://gpsf.example/", "Same page, another query.")],
    )
    one = atlas(tmp_path, "import", str(first), "--run", "r", "--json")
    assert one.returncode == 0, one.stderr
    assert json.loads(one.stdout)["records"] == 2
    two = atlas(tmp_path, "import", str(second), "--run", "r", "--json")
    assert two.returncode == 0, two.stderr
    result = json.loads(two.stdout)
    assert result["duplicates"] == 1 and result["load"]["retracted"] == 0
    [run] = status(tmp_path)["runs"]
    [engine] = run["engines"]
    assert engine["records"] == 3 and engine["duplicates"] == 1
    again = atlas(tmp_path, "import", str(first), "--run", "r", "--json")  # nothing new
    assert json.loads(again.stdout)["load"]["added"] == 0


def test_import_refuses_a_missing_file(tmp_path: Path) -> None:
    done = atlas(tmp_path, "import", str(tmp_path / "none.csv"))
    assert done.returncode != 0 and "is not a file" in done.stderr


def test_run_without_a_scopus_key_is_one_line(tmp_path: Path) -> None:
    env_free = atlas(tmp_path, "run", "--engine", "scopus", "--run", "s")
    assert env_free.returncode != 0
    assert "DIASPORA_ATLAS_SCOPUS_API_KEY" in env_free.stderr and "Traceback" not in env_free.stderr


def test_run_replays_a_cassette_end_to_end(tmp_path: Path) -> None:
    """`search run --cassette FILE`: the services' recorded answers instead of the network
    (the README's command, as a user reproduces a run offline)."""
    from .cassettes import openalex_cassette

    replay = tmp_path / "openalex.json"
    openalex_cassette(replay, "AFG")
    home = tmp_path / "home"
    env = {
        **os.environ,
        "DIASPORA_ATLAS_HOME": str(home),
        "DIASPORA_ATLAS_HTTP_CONTACT": "tests@example.org",
        "DIASPORA_ATLAS_SEARCH_MAX_RECORDS": "2",
    }
    env.pop("DIASPORA_ATLAS_DATABASE_URL", None)
    command = [sys.executable, "-m", "diaspora_atlas.cli", "search", "run", "--engine"]
    args = ["openalex", "--country", "AFG", "--cassette", str(replay), "--json", "--run", "r1"]
    done = subprocess.run([*command, *args], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["sent"], summary["failed"], summary["records"]) == (1, 0, 2)
    missing = [*command, "openalex", "--record", "--run", "r2"]
    refused = subprocess.run(missing, env=env, capture_output=True, text=True, timeout=300)
    assert refused.returncode != 0 and "--cassette FILE" in refused.stderr
