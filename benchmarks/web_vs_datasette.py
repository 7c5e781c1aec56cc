"""Serve the same SQLite database with Datasette and with our server; load both with wrk.

Usage (from the repository root, after `make run` or `diaspora-atlas build`):

    .venv/bin/python benchmarks/web_vs_datasette.py [--seconds 15] [--connections 32]

It copies the store's SQLite file, starts Datasette (its own virtualenv, created on first
use under benchmarks/.venv-datasette, `--immutable` as Datasette recommends for read-only
data, facet suggestions off) and `diaspora-atlas serve` on 127.0.0.1 (with its page cache,
then again with DIASPORA_ATLAS_RESPONSE_CACHE=0), runs wrk (Debian package `wrk`) against
comparable URL pairs one server at a time, and writes benchmarks/results/web-vs-datasette.md
and .json. Loopback only; every run is bounded by --seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATASETTE_VENV = ROOT / "benchmarks" / ".venv-datasette"
DATASETTE_VERSION = "0.65.5"
RESULTS = ROOT / "benchmarks" / "results"


@dataclass
class Run:
    server: str
    query: str
    url: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    non_2xx: int


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ensure_datasette() -> Path:
    exe = DATASETTE_VENV / "bin" / "datasette"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(DATASETTE_VENV)], check=True)
        pip = DATASETTE_VENV / "bin" / "pip"
        subprocess.run([str(pip), "install", "-q", f"datasette=={DATASETTE_VERSION}"], check=True)
    return exe


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server did not answer at {url}")


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, seconds: int, connections: int) -> tuple[float, float, float, int]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rps, p50, p99, int(non_2xx.group(1)) if non_2xx else 0


def sample_ids(database: Path) -> tuple[str, str]:
    with sqlite3.connect(database) as db:
        (org_id,) = db.execute(
            "select id from store_organisationrecord where host_iso3 = 'GBR' order by name limit 1"
        ).fetchone()
    return org_id, "GBR"


def url_pairs(org_id: str, host: str) -> dict[str, tuple[str, str]]:
    """query -> (our path, Datasette path): the same data asked of each."""
    table = "/atlas/store_organisationrecord"
    return {
        "filtered faceted list (JSON)": (
            f"/organisations.json?host={host}",
            # The same columns our list returns (not the large per-row facts column), and
            # facets on host, presence and the origin array, as our list has.
            f"{table}.json?host_iso3={host}&_col=name&_col=host_iso3&_col=origin_iso3"
            "&_col=online_presence&_col=website&_col=paper_row&_facet=host_iso3"
            "&_facet=online_presence&_facet_array=origin_iso3&_size=50",
        ),
        "organisation detail page (HTML)": (f"/organisations/{org_id}/", f"{table}/{org_id}"),
    }


def start(command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--database", type=Path, default=ROOT / "var" / "atlas.sqlite3")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    work = Path(tempfile.mkdtemp(prefix="atlas-bench-"))
    database = work / "atlas.sqlite3"
    with sqlite3.connect(args.database) as source, sqlite3.connect(database) as copy:
        source.backup(copy)
    org_id, host = sample_ids(database)
    pairs = url_pairs(org_id, host)
    ours_port, theirs_port = free_port(), free_port()
    env = {
        **os.environ,
        "DIASPORA_ATLAS_DATABASE_URL": f"sqlite:///{database}",
        "DIASPORA_ATLAS_HOME": str(work),
    }
    ours = [str(ROOT / ".venv" / "bin" / "diaspora-atlas"), "serve", "--host", "127.0.0.1"]
    theirs = [str(ensure_datasette()), "serve", "--immutable", str(database), "--host", "127.0.0.1"]
    # name -> (command, port, which path of a pair, extra environment)
    servers: dict[str, tuple[list[str], int, int, dict[str, str]]] = {
        "diaspora-atlas": ([*ours, "--port", str(ours_port)], ours_port, 0, {}),
        "diaspora-atlas, page cache off": (
            [*ours, "--port", str(ours_port)],
            ours_port,
            0,
            {"DIASPORA_ATLAS_RESPONSE_CACHE": "0"},
        ),
        f"datasette {DATASETTE_VERSION}": (
            [
                *theirs,
                "--port",
                str(theirs_port),
                "--setting",
                "sql_time_limit_ms",
                "5000",
                "--setting",
                "suggest_facets",
                "off",
            ],
            theirs_port,
            1,
            {},
        ),
    }
    runs: list[Run] = []
    try:
        for name, (command, port, which, extra) in servers.items():
            base = f"http://127.0.0.1:{port}"
            process = start(command, {**env, **extra})
            try:
                wait_for(base + ("/" if which == 0 else "/-/versions.json"))
                for query, paths in pairs.items():
                    url = base + paths[which]
                    wrk(url, 2, args.connections)  # warm-up
                    rps, p50, p99, bad = wrk(url, args.seconds, args.connections)
                    runs.append(Run(name, query, paths[which], rps, p50, p99, bad))
                    print(
                        f"{name:18} {query:34} {rps:9.1f} req/s  p50 {p50:7.2f} ms  p99 {p99:7.2f} ms"
                    )
            finally:
                process.terminate()
                process.wait(timeout=30)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_results(runs, args)
    return 0


def write_results(runs: list[Run], args: argparse.Namespace) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "web-vs-datasette.json").write_text(json.dumps([asdict(r) for r in runs], indent=2))
    (RESULTS / "web-vs-datasette.md").write_text(
        results_table(runs, args.connections, args.seconds)
    )


def results_table(runs: list[Run], connections: int, seconds: int) -> str:
    """The Markdown table, with each of our runs' requests/s as a multiple of Datasette's on
    the same query (the issue's target: at least 4x with the page cache off)."""
    theirs = {r.query: r.requests_per_second for r in runs if r.server.startswith("datasette")}
    lines = [
        "# Web directory vs Datasette",
        "",
        f"wrk, 2 threads, {connections} connections, {seconds} s per URL after a 2 s "
        f"warm-up; servers and client on one {os.cpu_count()}-core machine shared with other "
        "processes, loopback, one server at a time in one session; generated by "
        f"`benchmarks/web_vs_datasette.py` on {time.strftime('%Y-%m-%d')}.",
        "",
        "| query | server | requests/s | × Datasette | p50 ms | p99 ms | non-2xx | path |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for run in sorted(runs, key=lambda r: (r.query, r.server)):
        base = theirs.get(run.query)
        ratio = f"{run.requests_per_second / base:.1f}" if base else "—"
        lines.append(
            f"| {run.query} | {run.server} | {run.requests_per_second:.0f} | {ratio} | "
            f"{run.p50_ms:.1f} | {run.p99_ms:.1f} | {run.non_2xx} | `{run.url}` |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
