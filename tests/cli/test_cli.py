"""The command as a user runs it: real processes, real files, one-line errors."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DIASPORA_ATLAS_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "diaspora_atlas.cli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
        check=False,
    )


def test_classify_json_for_an_unseen_name() -> None:
    done = run("classify", "Eritrean Doctors Association UK", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["host_iso3"] == "GBR" and data["origin_iso3"] == ["ERI"]
    assert len(data["evidence"]) == 2


def test_classify_says_when_it_cannot_tell() -> None:
    data = json.loads(run("classify", "International Physicians Network", "--json").stdout)
    assert data["host_iso3"] is None and data["origin_iso3"] == []


def test_unknown_country_is_one_line_with_suggestions() -> None:
    done = run("country", "Nigerria")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "unknown country name 'Nigerria'" in done.stderr and "'Nigeria'" in done.stderr


def test_country_json_has_income_history() -> None:
    data = json.loads(run("country", "Macedonia, FYR", "--json").stdout)
    assert data["iso3"] == "MKD" and data["income_groups"]["FY2019"] == "UM"


def error_lines(stderr: str) -> list[str]:
    """Progress lines may precede it; the error itself is one line."""
    return [line for line in stderr.splitlines() if line.startswith("diaspora-atlas: error:")]


@pytest.fixture()
def home(tmp_path: Path) -> dict[str, str]:
    return {"DIASPORA_ATLAS_HOME": str(tmp_path / "home")}


def test_build_then_rebuild(home: dict[str, str], tmp_path: Path) -> None:
    first = run("build", env=home)  # the one full build, report included
    assert first.returncode == 0, first.stderr
    assert "Organisations: 89 (USA 60, GBR 24, AUS 3, CAN 2)" in first.stdout
    assert "results.json" in first.stdout and "report/index.html" in first.stdout
    again = json.loads(run("build", "--json", "--no-report", env=home).stdout)
    outputs = again["stages"].pop("outputs")
    assert all(stage == {"skipped": True} for stage in again["stages"].values())
    assert outputs["out_dir"] and again["organisations"] == 89  # asked for other outputs
    warm = json.loads(run("build", "--json", "--no-report", env=home).stdout)
    assert all(stage == {"skipped": True} for stage in warm["stages"].values())
    assert warm["organisations"] == 89 and "results.json" in warm["files"]
    other = run("build", "--no-report", "--protocol", "francophone-lusophone-2026", env=home)
    assert other.returncode == 0, other.stderr
    assert "Hosts: France (FRA, fr), Belgium (BEL, fr nl)" in other.stdout
    assert "no inventory for FRA, BEL, CHE, PRT yet" in other.stdout
    assert "diaspora-atlas search plan --protocol francophone-lusophone-2026" in other.stdout
    assert "Organisations:" not in other.stdout and "The paper's numbers" not in other.stdout


def test_corrupted_bundled_file_is_one_line_and_keeps_the_store(
    home: dict[str, str], tmp_path: Path
) -> None:
    assert run("build", "--no-report", env=home).returncode == 0
    database = Path(home["DIASPORA_ATLAS_HOME"]) / "atlas.sqlite3"
    with sqlite3.connect(database) as connection:
        (before,) = connection.execute("select count(*) from store_organisationrecord").fetchone()
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    table = data / "sources" / "frehywot2019" / "table1.csv"
    table.write_text(table.read_text(encoding="utf-8")[:5000] + '\n"unterminated', encoding="utf-8")
    done = run("build", "--no-report", env={**home, "DIASPORA_ATLAS_DATA_DIR": str(data)})
    assert done.returncode == 1
    [error] = error_lines(done.stderr)
    assert "table1.csv" in error and "restore" in error
    with sqlite3.connect(database) as connection:
        (count,) = connection.execute("select count(*) from store_organisationrecord").fetchone()
    assert count == before == 92  # the 89 of 2019 and the 2026 update's 3, kept


def test_corrupted_reference_table_is_one_line(home: dict[str, str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "refdata" / "countries.csv").write_bytes(b"\x00\xff garbage")
    done = run("country", "Kenya", env={"DIASPORA_ATLAS_DATA_DIR": str(data)})
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert "countries.csv" in done.stderr


def test_database_that_cannot_be_opened(tmp_path: Path) -> None:
    bogus = tmp_path / "not-a-database.sqlite3"
    bogus.write_bytes(b"this is not SQLite" * 100)
    done = run(
        "build",
        env={
            "DIASPORA_ATLAS_DATABASE_URL": f"sqlite:///{bogus}",
            "DIASPORA_ATLAS_HOME": str(tmp_path),
        },
    )
    assert done.returncode == 1
    [error] = error_lines(done.stderr)
    assert "cannot open the database" in error and "DIASPORA_ATLAS_DATABASE_URL" in error


def test_unreachable_postgres_is_one_line(tmp_path: Path) -> None:
    url = "postgresql://nobody@127.0.0.1:9/none"  # port 9 (discard): nothing listens
    done = run(
        "build", env={"DIASPORA_ATLAS_DATABASE_URL": url, "DIASPORA_ATLAS_HOME": str(tmp_path)}
    )
    assert done.returncode == 1
    [error] = error_lines(done.stderr)
    assert "cannot open the database postgresql 127.0.0.1:9/none" in error


PROTOCOL = "francophone-lusophone-2026"
POSITIONAL = {
    "extract": ["--text", "README.md"],
    "classify": ["Eritrean Doctors Association UK"],
    "country": ["Kenya"],
    "judge": ["list"],
    "search": ["status"],
    "screen": ["status"],
}


def test_every_command_accepts_protocol() -> None:
    from diaspora_atlas.cli import make_parser

    parser = make_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert len(commands.choices) >= 7
    for name in commands.choices:
        args = parser.parse_args([name, *POSITIONAL.get(name, []), "--protocol", PROTOCOL])
        assert args.protocol == PROTOCOL, name
        assert parser.parse_args([name, *POSITIONAL.get(name, [])]).protocol is None, name


def test_country_and_classify_say_what_the_protocol_covers() -> None:
    senegal = json.loads(run("country", "Senegal", "--protocol", PROTOCOL, "--json").stdout)
    assert senegal["in_protocol"] == {
        "protocol": PROTOCOL, "host": False, "lmic": True, "lmic_fiscal_year": 2026,
    }  # fmt: skip
    france = json.loads(run("country", "France", "--protocol", PROTOCOL, "--json").stdout)
    assert france["in_protocol"]["host"] and not france["in_protocol"]["lmic"]
    name = "Eritrean Doctors Association UK"
    default = json.loads(run("classify", name, "--json").stdout)["in_protocol"]
    assert default["protocol"] == "frehywot2019" and default["host_is_a_protocol_host"]
    other = json.loads(run("classify", name, "--protocol", PROTOCOL, "--json").stdout)
    assert other["in_protocol"]["host_is_a_protocol_host"] is False
    assert other["in_protocol"]["origins_in_lmic_list"] == ["ERI"]


def test_a_malformed_protocol_is_one_line_naming_its_line(tmp_path: Path) -> None:
    text = (ROOT / "protocols" / "frehywot2019.yml").read_text(encoding="utf-8")
    bad = tmp_path / "frehywot2019.yml"
    bad.write_text(text.replace("  - country: Canada", "  - country: Canadda"), encoding="utf-8")
    line = text[: text.index("  - country: Canada")].count("\n") + 1
    done = run("country", "Kenya", "--protocol", str(bad))
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert (
        f"frehywot2019.yml:{line}: hosts[3].country: unknown country name 'Canadda'" in done.stderr
    )
    via_setting = run("protocol", env={"DIASPORA_ATLAS_PROTOCOL": str(bad)})
    assert via_setting.returncode == 1 and f"frehywot2019.yml:{line}:" in via_setting.stderr


def test_protocol_command_shows_and_lists() -> None:
    done = run("protocol", "--protocol", PROTOCOL)
    assert done.returncode == 0 and ": valid" in done.stdout
    assert "Inventories: none yet (no inventory for FRA, BEL, CHE, PRT)" in done.stdout
    data = json.loads(run("protocol", "--json").stdout)
    assert data["id"] == "frehywot2019" and data["host_iso3s"] == ["USA", "GBR", "AUS", "CAN"]
    assert run("protocol", "--list").stdout.split() == [
        PROTOCOL,
        "frehywot2019",
        "frehywot2019-update2026",
    ]


def test_screen_status_on_an_empty_store_is_one_line(tmp_path: Path) -> None:
    """Run as a real process (the report modules need the store opened first)."""
    env = {"DIASPORA_ATLAS_DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"}
    done = run("screen", "status", env=env)
    assert "Traceback" not in done.stderr
    assert done.returncode != 0 and len(error_lines(done.stderr)) == 1
