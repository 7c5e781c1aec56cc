"""Extraction throughput over the real search records bundled with the project
(data/searches/*, issue 10 "Speed"): every record of every declared file is read with the
importers and its title + snippet run through ``extract_mentions`` with the protocol, the
whole set ``--repeat`` times. Prints records/s and mentions found; ``--json`` for a machine.

    .venv/bin/python benchmarks/extract_real_search.py [--repeat 20] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from diaspora_atlas.extract.mentions import extract_mentions
from diaspora_atlas.protocol import load_protocol
from diaspora_atlas.search.bundled import bundled_searches
from diaspora_atlas.search.importers import import_file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    texts = []
    for bundled in bundled_searches():
        protocol = load_protocol(bundled.protocol)
        texts += [r.text() for r in import_file(bundled.file, bundled.fmt, run=bundled.run)]
    started = time.perf_counter()
    mentions = 0
    for _ in range(args.repeat):
        for text in texts:
            mentions += len(extract_mentions(text, protocol=protocol))
    seconds = time.perf_counter() - started
    result = {
        "records": len(texts),
        "repeat": args.repeat,
        "seconds": round(seconds, 2),
        "records_per_second": round(len(texts) * args.repeat / seconds),
        "mentions_per_pass": mentions // args.repeat,
    }
    if args.json:
        json.dump(result, sys.stdout)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(
            f"{result['records']} real search records x {args.repeat}: {result['seconds']} s, "
            f"{result['records_per_second']} records/s, {result['mentions_per_pass']} mentions per pass\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
