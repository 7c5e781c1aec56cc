#!/usr/bin/env python
"""Check that every quote in the paper's claim files occurs verbatim in the paper's text.

Usage (from the repository root, with shared/ beside it)::

    python scripts/check_quotes.py --shared ../shared

Reads data/sources/frehywot2019/claims.yaml and discussion_claims.yaml; whitespace is folded
before comparing. Exits 1 naming every quote that is not in the paper.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
CLAIM_FILES = ("claims.yaml", "discussion_claims.yaml")
PAPER = Path("seed") / "frehywot-2019-medical-diaspora.txt"


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args(argv)
    paper = fold((args.shared / PAPER).read_text(encoding="utf-8"))
    missing = []
    for name in CLAIM_FILES:
        path = REPO / "data" / "sources" / "frehywot2019" / name
        for claim in yaml.safe_load(path.read_text(encoding="utf-8")):
            if fold(claim["quote"]) not in paper:
                missing.append(f"{name}: {claim['id']}")
    for item in missing:
        print(f"not in the paper: {item}", file=sys.stderr)
    print(f"checked {len(CLAIM_FILES)} files; {len(missing)} quote(s) not found")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
