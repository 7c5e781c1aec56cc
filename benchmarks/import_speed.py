"""Import speed and peak memory: our streaming importers against ASReview's loader and the
bare parser libraries, on the same generated files; and extraction throughput.

Usage (from the repository root):

    .venv/bin/python benchmarks/import_speed.py [--records 100000] [--extract 20000]

It writes a deterministic RIS file and a MEDLINE file of ``--records`` records (seeded
generator; realistic field sizes, some abstracts naming organisations) into a temporary
folder, then runs each reader in its own child process, which times the parse (imports
excluded) and reports its own peak resident memory (``resource.getrusage``, ru_maxrss).
Readers:

- ours: ``iter_records`` (one streaming pass, for a caller writing inside a transaction)
  and ``import_file`` (the whole file parsed into a disk spool first, then streamed back:
  what the store-facing stage uses, since nothing may be written from a malformed file);
- the bare parsers: ``rispy.load`` (RIS) and ``nbib.read_file`` (MEDLINE), from the
  project's virtualenv (rispy is a dependency, nbib a dev dependency); Biopython's
  ``Bio.Medline.parse`` (streaming MEDLINE);
- ASReview's loader ``asreview.data.loader.load_records`` (rispy + pandas into records;
  ASReview has no MEDLINE reader).

ASReview and Biopython are not project dependencies: they run from a throwaway virtualenv,
by default /tmp/atlas-bench-asreview (created with ``pip install asreview biopython`` on
first use; ``--asreview-python`` points at another interpreter). Results go to
benchmarks/results/import-speed.md and .json.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
ASREVIEW_VENV = Path("/tmp/atlas-bench-asreview")
WORDS = [
    "health",
    "workforce",
    "physicians",
    "diaspora",
    "migration",
    "training",
    "hospital",
    "capacity",
    "countries",
    "medical",
    "education",
    "brain",
    "drain",
    "return",
    "remittances",
    "surgery",
    "outcomes",
    "patients",
    "study",
    "analysis",
    "survey",
    "network",
    "association",
    "members",
    "support",
    "programme",
    "rural",
    "clinical",
    "care",
]
ORGANISATIONS = (
    "the Association of Physicians of Pakistani Descent of North America (APPNA)",
    "the Sudanese American Physicians Association",
    "the Ghana Physicians and Surgeons Foundation of North America",
    "the British Association of Physicians of Indian Origin (BAPIO)",
    "the Korle Bu Teaching Hospital",
    "the Philippine Nurses Association of America",
)

# Each child prints one JSON line: {"records": n, "seconds": t, "peak_mb": m}.
CHILD = """
import json, resource, sys, time
path = sys.argv[1]
{setup}
start = time.perf_counter()
{body}
seconds = time.perf_counter() - start
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"records": records, "seconds": seconds, "peak_mb": peak_mb}}))
"""
READERS: dict[str, tuple[str, str, str, str]] = {
    # name: (format, interpreter: "project" | "asreview", setup, body)
    "ours, one pass (iter_records)": (
        "ris|nbib",
        "project",
        "from diaspora_atlas.search.importers import iter_records",
        "records = sum(1 for _ in iter_records(path))",
    ),
    "ours, whole file parsed, then streamed (import_file)": (
        "ris|nbib",
        "project",
        "from diaspora_atlas.search.importers import import_file",
        "records = sum(1 for _ in import_file(path))",
    ),
    "rispy.load (bare parser)": (
        "ris",
        "project",
        "import rispy; from pathlib import Path",
        "records = len(rispy.load(Path(path), encoding='utf-8'))",
    ),
    "nbib.read_file (bare parser)": (
        "nbib",
        "project",
        "import nbib",
        "records = len(nbib.read_file(path))",
    ),
    "Bio.Medline.parse (Biopython)": (
        "nbib",
        "asreview",
        "from Bio import Medline",
        "records = sum(1 for _ in Medline.parse(open(path, encoding='utf-8')))",
    ),
    "ASReview load_records": (
        "ris",
        "asreview",
        "from asreview.data.loader import load_records",
        "records = len(load_records(path, dataset_id='bench'))",
    ),
}


@dataclass
class Run:
    reader: str
    fmt: str
    records: int
    seconds: float
    peak_mb: float


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def _record(rng: random.Random, n: int) -> dict[str, object]:
    abstract = _text(rng, 140)
    if n % 5 == 0:
        abstract = (
            f"{abstract[:300]} Members of {rng.choice(ORGANISATIONS)} took part. {abstract[300:]}"
        )
    return {
        "title": _text(rng, 12).capitalize(),
        "authors": [
            f"Author{rng.randrange(10_000)}, {chr(65 + rng.randrange(26))}" for _ in range(4)
        ],
        "year": 1990 + rng.randrange(36),
        "journal": f"Journal of {_text(rng, 2).title()}",
        "doi": f"10.{1000 + rng.randrange(9000)}/bench.{n}",
        "abstract": abstract,
        "keywords": [_text(rng, 2) for _ in range(5)],
    }


def write_ris(path: Path, count: int) -> None:
    rng = random.Random(2019)
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            r = _record(rng, n)
            lines = ["TY  - JOUR", f"TI  - {r['title']}"]
            lines += [f"AU  - {a}" for a in r["authors"]]  # type: ignore[attr-defined]
            lines += [f"PY  - {r['year']}", f"T2  - {r['journal']}", f"DO  - {r['doi']}"]
            lines += [f"AB  - {r['abstract']}", *(f"KW  - {k}" for k in r["keywords"])]  # type: ignore[attr-defined]
            lines += [f"UR  - https://doi.org/{r['doi']}", "ER  - ", ""]
            out.write("\n".join(lines) + "\n")


def _wrapped(tag: str, value: str) -> list[str]:
    """A MEDLINE field: the tag padded to four columns, lines wrapped at ~80 characters."""
    words, lines, line = value.split(), [], ""
    for word in words:
        if line and len(line) + len(word) > 72:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    lines.append(line)
    return [f"{tag:<4}- {lines[0]}", *(f"      {rest}" for rest in lines[1:])]


def write_medline(path: Path, count: int) -> None:
    rng = random.Random(2019)
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            r = _record(rng, n)
            lines = [
                f"PMID- {10_000_000 + n}",
                "OWN - NLM",
                "STAT- MEDLINE",
                f"DP  - {r['year']} Mar",
            ]
            lines += _wrapped("TI", str(r["title"])) + _wrapped("AB", str(r["abstract"]))
            for author in r["authors"]:  # type: ignore[attr-defined]
                surname, initial = author.split(", ")
                lines += [f"FAU - {author}", f"AU  - {surname} {initial}"]
            lines += [f"JT  - {r['journal']}", f"LID - {r['doi']} [doi]"]
            lines += [f"OT  - {k}" for k in r["keywords"]]  # type: ignore[attr-defined]
            out.write("\n" + "\n".join(lines) + "\n")


def asreview_python(given: str | None) -> Path:
    if given:
        return Path(given)
    python = ASREVIEW_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(ASREVIEW_VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "asreview", "biopython"], check=True
        )
    return python


def run_child(python: Path, setup: str, body: str, path: Path) -> dict[str, float]:
    code = CHILD.format(setup=setup, body=body)
    done = subprocess.run(
        [str(python), "-c", code, str(path)], capture_output=True, text=True, check=False, cwd=ROOT
    )
    if done.returncode != 0:
        raise SystemExit(f"child failed: {done.stderr.strip()[-2000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def extraction_throughput(path: Path, limit: int) -> dict[str, float]:
    setup = (
        "from itertools import islice\n"
        "from diaspora_atlas.extract.mentions import extract_mentions\n"
        "from diaspora_atlas.search.importers import iter_records\n"
        f"texts = [r.text() for r in islice(iter_records(path), {limit})]\n"
        "extract_mentions(texts[0])  # load the rules and reference data first"
    )
    body = "found = sum(len(extract_mentions(t)) for t in texts)\nrecords = len(texts)"
    return run_child(Path(sys.executable), setup, body, path)


def markdown(runs: list[Run], extraction: dict[str, float], count: int) -> str:
    lines = [
        "# Import speed and peak memory",
        "",
        f"Generated by `benchmarks/import_speed.py --records {count}`: one child process per",
        "reader, parse time (imports excluded), peak resident memory of the child.",
        "",
        "| format | reader | records | seconds | records/s | peak RSS (MB) |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for run in runs:
        rate = run.records / run.seconds if run.seconds else 0
        lines.append(
            f"| {run.fmt} | {run.reader} | {run.records} | {run.seconds:.1f} | {rate:,.0f} | {run.peak_mb:.0f} |"
        )
    rate = extraction["records"] / extraction["seconds"]
    lines += [
        "",
        f"Extraction (`extract_mentions` on title + abstract): {extraction['records']:.0f} records in "
        f"{extraction['seconds']:.1f} s = {rate:,.0f} records/s.",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--extract", type=int, default=20_000, help="records for extraction")
    parser.add_argument("--asreview-python", help="interpreter with asreview and biopython")
    args = parser.parse_args()
    other = asreview_python(args.asreview_python)
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as folder:
        files = {"ris": Path(folder) / "bench.ris", "nbib": Path(folder) / "bench.nbib"}
        write_ris(files["ris"], args.records)
        write_medline(files["nbib"], args.records)
        for fmt, path in files.items():
            size = path.stat().st_size / 1e6
            print(f"{fmt}: {args.records} records, {size:.0f} MB", flush=True)
            for name, (formats, where, setup, body) in READERS.items():
                if fmt not in formats.split("|"):
                    continue
                python = Path(sys.executable) if where == "project" else other
                result = run_child(python, setup, body, path)
                runs.append(
                    Run(name, fmt, int(result["records"]), result["seconds"], result["peak_mb"])
                )
                print(f"  {name}: {result}", flush=True)
        extraction = extraction_throughput(files["nbib"], args.extract)
        print(f"extraction: {extraction}", flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "import-speed.md").write_text(
        markdown(runs, extraction, args.records), encoding="utf-8"
    )
    payload = {"records": args.records, "runs": [asdict(r) for r in runs], "extraction": extraction}
    (RESULTS / "import-speed.json").write_text(
        json.dumps(payload, indent=2) + "\n", encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
