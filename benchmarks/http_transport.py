"""CPU per request: aiohttp beside the Atlas's own transport (http/wire.py) and its whole client,
on the simulated web of benchmarks/simweb.py (loopback, 100 ms per answer), each run in a
child process of its own: for every live site, GET /robots.txt then GET / on one kept
connection, 1,024 sites at a time. What docs/decisions/2026-12-01-own-http-wire.md cites.

    python benchmarks/http_transport.py --n 5000

Runs itself in a fresh network namespace (``unshare --net``, loopback only) when it can.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import simweb

ROOT = Path(__file__).resolve().parents[1]
LIVE = {"ok_root", "ok_deep", "redirect_same_site", "social_links", "parked_wording"}
CLIENTS = ("aiohttp", "atlas-transport", "atlas-client", "atlas-transport+uvloop")


def live_sites(n: int) -> list[simweb.Site]:
    return [s for s in simweb.sites(n) if s.kind in LIVE]


async def with_aiohttp(sites: list[simweb.Site], port: int) -> None:
    import aiohttp

    gate = asyncio.Semaphore(1024)
    connector = aiohttp.TCPConnector(limit=1024, limit_per_host=0)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def one(site: simweb.Site) -> None:
            async with gate:
                for path in ("/robots.txt", "/"):
                    url = f"http://{site.address}:{port}{path}"
                    async with session.get(url, allow_redirects=False) as response:
                        await response.read()

        await asyncio.gather(*(one(s) for s in sites))


async def with_atlas(sites: list[simweb.Site], port: int, whole_client: bool) -> None:
    from yarl import URL

    from diaspora_atlas.http import HttpClient, HttpConfig
    from diaspora_atlas.http.transport import Request

    config = HttpConfig(
        allow_private_addresses=True, host_delay=0.0, concurrency=1024, user_agent="bench"
    )
    gate = asyncio.Semaphore(1024)
    async with HttpClient(config) as client:
        transport = client._transport  # the layer under test, without politeness or retries

        async def one(site: simweb.Site) -> None:
            async with gate:
                for path in ("/robots.txt", "/"):
                    url = f"http://{site.address}:{port}{path}"
                    if whole_client:
                        await client.get(url, follow_redirects=False)
                    else:
                        await transport.send(Request("GET", URL(url), {}, None, 1 << 20, True, 0))

        await asyncio.gather(*(one(s) for s in sites))


def child(name: str, n: int, port: int) -> None:
    sites = live_sites(n)
    if name != "aiohttp":  # imports are not requests: done before the clock starts
        import diaspora_atlas.http  # noqa: F401
    else:
        import aiohttp  # noqa: F401
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    if name == "aiohttp":
        asyncio.run(with_aiohttp(sites, port))
    elif name.endswith("+uvloop"):
        import uvloop

        uvloop.run(with_atlas(sites, port, whole_client=False))
    else:
        asyncio.run(with_atlas(sites, port, whole_client=name == "atlas-client"))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - before.ru_utime - before.ru_stime
    print(
        json.dumps(
            {
                "client": name,
                "requests": 2 * len(sites),
                "wall_s": round(time.perf_counter() - started, 2),
                "cpu_s": round(cpu, 2),  # after the imports
                "cpu_ms_per_request": round(1000 * cpu / (2 * len(sites)), 3),
                "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--child", nargs=3, metavar=("CLIENT", "N", "PORT"))
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "http-transport"))
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), int(args.child[2]))
        return
    simweb.isolate()
    port, tls = simweb.free_port(), simweb.free_port()
    verify_peers = Path(__file__).resolve().parent / "verify_peers.py"
    server = subprocess.Popen(
        [sys.executable, str(verify_peers), "--serve", str(args.n), str(port), str(tls)]
    )
    time.sleep(2)
    rows = []
    try:
        for name in CLIENTS:
            out = subprocess.run(
                [sys.executable, __file__, "--child", name, str(args.n), str(port)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            rows.append(json.loads(out.strip().splitlines()[-1]))
            print(rows[-1], flush=True)
    finally:
        server.terminate()
        server.wait(10)
    Path(args.out).with_suffix(".json").write_text(json.dumps(rows, indent=1) + "\n")
    lines = [
        f"# HTTP transports: CPU per request ({rows[0]['requests']} requests, 100 ms answers)",
        "",
        "Generated by `python benchmarks/http_transport.py --n "
        f"{args.n}` (network namespace, loopback only; one child process per client).",
        "",
        "| client | wall s | CPU s (after imports) | CPU ms per request | peak RSS MB |",
        "|---|---:|---:|---:|---:|",
    ] + [
        f"| {r['client']} | {r['wall_s']} | {r['cpu_s']} | {r['cpu_ms_per_request']} | "
        f"{r['peak_rss_mb']} |"
        for r in rows
    ]
    Path(args.out).with_suffix(".md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
