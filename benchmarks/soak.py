"""A bounded soak of the web server on loopback: 50 connections over a mix of pages, JSON
twins, API routes and downloads, with the page cache on and then off.

Usage (from the repository root, after `make run` or `diaspora-atlas build`):

    .venv/bin/python benchmarks/soak.py [--seconds 20] [--connections 50] [--home var]

For each mode it starts `diaspora-atlas serve` on 127.0.0.1 (a free port; the page cache
off with DIASPORA_ATLAS_RESPONSE_CACHE=0), checks every URL of the mix once (status, size,
whether it is a download), replays issue 8's facet flood (2,000, 3,000 and 5,000 values),
then runs wrk (Debian package `wrk`) for --seconds (at most 60) with a Lua script that
cycles through the mix as a browser would ask (gzip accepted) and counts error statuses and
answers over 1 MB that are not downloads (no `Content-Disposition: attachment`). It reports
requests/s, p50/p99, errors (socket errors and statuses >= 400), big answers and the
servers' memory (RSS of the process tree) before and after, prints a table and writes
benchmarks/results/soak.md and .json. Goal: 0 errors, 0 big answers. Loopback only; the
servers it starts are stopped by their process id.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

from web_vs_datasette import _ms, free_port, wait_for

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
BIG = 1_000_000
TIMEOUT = 10  # seconds before wrk counts a request as a (socket) timeout error
LUA = """
local paths = {%(paths)s}
local i = 0
big, errors = 0, 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) i = math.random(#paths) end
function request()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i], {["Accept-Encoding"] = "gzip"})
end
function response(status, headers, body)
  if status >= 400 then errors = errors + 1 end
  local disposition = headers["Content-Disposition"] or headers["content-disposition"] or ""
  if #body > %(big)d and not string.find(disposition, "attachment") then big = big + 1 end
end
function done(summary, latency, requests)
  local b, e = 0, 0
  for _, t in ipairs(threads) do b = b + t:get("big"); e = e + t:get("errors") end
  io.write(string.format("ATLAS big=%%d status_errors=%%d\\n", b, e))
end
"""


@dataclass
class Soak:
    mode: str
    seconds: int
    connections: int
    requests: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    socket_errors: int
    timeouts: int
    status_errors: int
    big_answers: int
    rss_before_mb: float
    rss_after_mb: float
    flood: list[dict[str, object]]


def get(url: str, timeout: float = 30) -> tuple[int, int, str]:
    """Status, body bytes and Content-Disposition of one GET (no gzip: the full size)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            body = answer.read()
            return answer.status, len(body), answer.headers.get("Content-Disposition") or ""
    except urllib.error.HTTPError as error:
        return error.code, len(error.read()), ""


def mix(base: str) -> list[str]:
    """The URLs of the soak: pages, twins, API and downloads (the database once per 60)."""
    with urllib.request.urlopen(base + "/organisations.json?per_page=200", timeout=30) as answer:
        ids = [row["id"] for row in json.load(answer)["results"]]
    pages = ["/", "/organisations/", "/organisations/?host=GBR", "/organisations/?q=Nigerian"]
    pages += ["/countries/", "/countries/NGA/", "/offices/", "/maps/", "/audit/", "/method/"]
    pages += [f"/organisations/{org}/" for org in ids[::9]]
    twins = ["/index.json", "/organisations.json?host=GBR&origin=NGA", "/countries/GBR.json"]
    twins += ["/offices.json?type=ministry", "/downloads.json"]
    twins += [f"/organisations/{org}.json" for org in ids[4::9]]
    api = ["/api/organisations?per_page=10", "/api/facets?q=doctors", "/api/match?name=AAPI"]
    api += ["/api/countries/ETH", "/api/offices", "/api/reconcile", "/api/openapi.json"]
    downloads = ["/downloads/results.json", "/downloads/organisations.csv", "/maps/origins.svg"]
    downloads += ["/organisations/export.csv?host=USA", "/organisations/export.json"]
    urls = pages + twins + api + downloads
    return [*(urls * (60 // len(urls) + 1))[:59], "/downloads/medical-diaspora-atlas.sqlite3"]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))  # type: ignore[union-attr]
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, AttributeError):
            continue
    return round(total / 1024, 1)


def flood(base: str) -> list[dict[str, object]]:
    """Issue 8's reproduction: one facet with thousands of values; status, size and time."""
    found = []
    for n in (2000, 3000, 5000):
        values = ",".join(f"X{i:04d}" for i in range(n))
        for path in ("/organisations/", "/organisations.json", "/api/organisations"):
            started = time.monotonic()
            status, size, _ = get(f"{base}{path}?host={values}", timeout=20)
            took = round(time.monotonic() - started, 3)
            found.append({"values": n, "path": path, "status": status, "bytes": size, "s": took})
    return found


def run_wrk(base: str, urls: list[str], seconds: int, connections: int) -> dict[str, float]:
    paths = ", ".join(json.dumps(u) for u in urls)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % {"paths": paths, "big": BIG})
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", f"{TIMEOUT}s"]
    command += ["--latency", "-s", script.name]
    out = subprocess.run(
        [*command, base], capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    Path(script.name).unlink()
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    ours = re.search(r"ATLAS big=(\d+) status_errors=(\d+)", out)
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),  # type: ignore[union-attr]
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "p50": _ms(re.search(r"\s50%\s+(\S+)", out).group(1)),  # type: ignore[union-attr]
        "p99": _ms(re.search(r"\s99%\s+(\S+)", out).group(1)),  # type: ignore[union-attr]
        "socket": sum(int(g) for g in socket.groups()) if socket else 0,
        "timeouts": int(socket.group(4)) if socket else 0,
        "big": int(ours.group(1)) if ours else -1,
        "status": int(ours.group(2)) if ours else -1,
    }


def soak(mode: str, env: dict[str, str], seconds: int, connections: int) -> Soak:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "diaspora-atlas"),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_for(base + "/", timeout=120)
        urls = mix(base)
        for url in dict.fromkeys(urls):  # each URL once: all 200, none big unless a download
            status, size, disposition = get(base + url)
            big = size > BIG and "attachment" not in disposition
            if status != 200 or big:
                print(f"  {mode}: {url} -> {status}, {size} bytes", file=sys.stderr)
        floods = flood(base)
        before = rss_mb(server.pid)
        found = run_wrk(base, urls, seconds, connections)
        after = rss_mb(server.pid)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)  # the group this script started
            server.wait()
    return Soak(
        *(mode, seconds, connections, int(found["requests"]), found["rps"]),
        *(found["p50"], found["p99"], int(found["socket"]), int(found["timeouts"])),
        int(found["status"]),
        *(int(found["big"]), before, after, floods),
    )


def table(runs: list[Soak]) -> str:
    lines = [
        "| page cache | requests/s | p50 ms | p99 ms | requests | errors (socket + status >= 400) | answers > 1 MB not a download | server RSS before → after (MB) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        errors = f"{r.socket_errors + r.status_errors} ({r.socket_errors} + {r.status_errors})"
        errors += f", {r.timeouts} timeouts" if r.timeouts else ""
        lines.append(
            f"| {r.mode} | {r.requests_per_second:,.0f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | "
            f"{r.requests:,} | {errors} | {r.big_answers} | {r.rss_before_mb} → {r.rss_after_mb} |"
        )
    flood_rows = ["| values | path | status | bytes | seconds |", "|---|---|---|---|---|"]
    flood_rows += [
        f"| {f['values']} | `{f['path']}` | {f['status']} | {f['bytes']} | {f['s']} |"
        for f in runs[0].flood
    ]
    return (
        "\n".join(lines)
        + "\n\nFacet flood (issue 8, item 2), cache on:\n\n"
        + "\n".join(flood_rows)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--home", type=Path, default=ROOT / "var")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    if not 1 <= args.seconds <= 60:
        raise SystemExit("--seconds must be 1 to 60")
    env = {**os.environ, "DIASPORA_ATLAS_HOME": str(args.home.resolve())}
    runs = [
        soak("on", {**env, "DIASPORA_ATLAS_RESPONSE_CACHE": "1"}, args.seconds, args.connections),
        soak("off", {**env, "DIASPORA_ATLAS_RESPONSE_CACHE": "0"}, args.seconds, args.connections),
    ]
    text = table(runs)
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "soak.md").write_text(
        "# Soak (benchmarks/soak.py)\n\n"
        f"{args.connections} connections, {args.seconds} s per mode, wrk on the same 2-core "
        f"machine, loopback, gzip accepted, a request timing out after {TIMEOUT} s counted as "
        "an error.\n\n" + text + "\n",
        encoding="utf-8",
    )
    (RESULTS / "soak.json").write_text(
        json.dumps([asdict(r) for r in runs], indent=2) + "\n", encoding="utf-8"
    )
    failed = any(r.socket_errors + r.status_errors + r.big_answers for r in runs)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
