"""Resolution of candidate mentions into organisations: ours against splink (DuckDB) and an
all-pairs rapidfuzz baseline, on the same generated mentions with known truth.

Usage (from the repository root):

    .venv/bin/python benchmarks/resolve_peers.py [--orgs 5000] [--mentions 100000] [--sample 5000]

The generator (seeded) builds ``--orgs`` organisations from the real vocabulary: the
reference data's demonyms of LMICs (and of some high-income countries), the four hosts'
words ("American", "of America", "USA", "UK", "British", ...), profession words and
organisation head words, qualifiers ("Junior", "Women", "Alumni"); names share words on
purpose (thousands of "... American Medical Association"). Each organisation gets a
power-law number of mentions (``--mentions`` in all) written as people write them: the
official name, case and punctuation changes, a misspelt word, abbreviations ("Assoc.",
"Soc."), the host named the other way ("X Medical Association of America" / "X American
Medical Association"), an acronym given beside the name, a regional chapter ("..., Texas
Chapter"; the truth folds a chapter into its organisation), and for some the address of the
organisation's own site or of a news page. Host and origin of each mention come from the
project's extractor (``extract.hostorigin``), as in a real run, and for names that do not
say the host, from its sentence 60 % of the time.

Each resolver runs in its own child process, which times the resolution alone (data loading
and imports excluded) and reports its peak resident memory (``ru_maxrss``):

- ours: ``resolve.candidates.resolve_mentions`` on all mentions (chapters folded into the
  organisation they are linked to, as the truth does);
- splink 5 (DuckDB backend) on all mentions: Jaro-Winkler on the folded name at 0.95/0.9/
  0.8, exact origin, host and acronym; blocking on (origin, host) and acronym (a record's
  address is not given to it: most are news pages, which say nothing of identity, and
  telling an organisation's own site from them is our resolver's own rule); u by random
  sampling, m by EM on two blockings; predictions at 0.5, then clustered at 0.5, 0.9, 0.95
  and 0.99, and splink is given the best of the four (a threshold chosen knowing the truth:
  generous to it). On 20,000 mentions Levenshtein at 1/2/4 edits, with or without
  term-frequency adjustments, did worse (F1 0.81 against 0.86) and was seven times slower;
  from a
  throwaway virtualenv /tmp/atlas-bench-splink (``pip install splink``);
- rapidfuzz all pairs: ``process.cdist`` (token_sort_ratio) over a random sample of
  ``--sample`` mentions (all pairs of 100,000 do not fit: 5·10^9), linked at >= 90 and
  clustered by connected components; ours is run on the same sample too.

Pairwise precision, recall and F1 are over pairs of mentions (same organisation or not).
Results go to benchmarks/results/resolve-peers.md and .json.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
SPLINK_VENV = Path("/tmp/atlas-bench-splink")
HOSTS = {
    "USA": {"adj": "American", "suffix": ["of America", "USA", "in America"]},
    "GBR": {"adj": "British", "suffix": ["UK", "of the UK", "of Great Britain"]},
    "CAN": {"adj": "Canadian", "suffix": ["of Canada", "Canada"]},
    "AUS": {"adj": "Australian", "suffix": ["of Australia", "Australia"]},
}
PROFESSIONS = ["Medical", "Physicians", "Doctors", "Surgeons", "Health Professionals",
               "Medical and Dental", "Physicians and Surgeons", "Cardiologists", "Medical Graduates"]  # fmt: skip
HEADS = ["Association", "Society", "Foundation", "Academy", "Organization", "Federation",
         "Council", "Network", "Alliance"]  # fmt: skip
QUALIFIERS = ["", "", "", "", "Junior", "Women", "Young", "Alumni", "Senior"]
STATES = ["Texas", "California", "Florida", "Ohio", "Georgia", "Illinois", "Michigan", "Virginia"]
ABBREVIATIONS = {
    "Association": "Assoc.",
    "Society": "Soc.",
    "Medical": "Med.",
    "Organization": "Org.",
}


# ---------------------------------------------------------------- generation (parent only)


def origin_words() -> list[tuple[str, str]]:
    """(demonym, iso3) of every country with a demonym in the reference data."""
    sys.path.insert(0, str(ROOT / "src"))
    from diaspora_atlas.refdata import aliases_of, countries, lmic_iso3s

    lmics = lmic_iso3s(2019)
    out = []
    for iso3 in sorted(countries()):
        if iso3 in HOSTS:
            continue
        demonyms = [a.alias for a in aliases_of(iso3, {"demonym"}) if a.alias.isalpha()]
        if demonyms and (iso3 in lmics or iso3 in {"JPN", "KOR", "ITA", "GRC", "POL", "ISR"}):
            out.append((demonyms[0], iso3))
    return out


def official_name(origin: str, host: str, prof: str, head: str, qual: str, form: int) -> str:
    h = HOSTS[host]
    lead = f"{origin} {qual}".strip()
    if form == 0:
        return f"{lead} {h['adj']} {prof} {head}"
    if form == 1:
        return f"{lead} {prof} {head} {h['suffix'][0]}"
    if form == 2:
        return (
            f"{head} of {lead} {prof} {h['suffix'][2] if len(h['suffix']) > 2 else h['suffix'][0]}"
        )
    return f"{lead} {prof} {head}"  # no host word: the host is only known from context


def make_orgs(n: int, rng: random.Random) -> list[dict[str, Any]]:
    origins = origin_words()
    seen: set[tuple[str, ...]] = set()
    orgs: list[dict[str, Any]] = []
    while len(orgs) < n:
        (origin, iso3), host = rng.choice(origins), rng.choice(list(HOSTS))
        prof, head, qual = rng.choice(PROFESSIONS), rng.choice(HEADS), rng.choice(QUALIFIERS)
        form = rng.choices([0, 1, 2, 3], [5, 3, 1, 1])[0]
        identity = (iso3, prof, head, qual) + ((host,) if form != 3 else ("-",))
        if identity in seen or (iso3, prof, head, qual, "-") in seen:
            continue
        if form == 3 and any((iso3, prof, head, qual, h) in seen for h in HOSTS):
            continue
        seen.add(identity)
        name = official_name(origin, host, prof, head, qual, form)
        acronym = "".join(w[0] for w in name.split() if w[0].isupper())
        orgs.append({"id": f"org{len(orgs):05d}", "name": name, "host": host, "origin": origin,
                     "prof": prof, "head": head, "qual": qual, "form": form, "acronym": acronym,
                     "site": f"{acronym.lower()}{host.lower()[:2]}.org"})  # fmt: skip
    return orgs


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 6:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["drop", "swap", "double"])
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + word[i] + word[i:]


def variant(org: dict[str, Any], rng: random.Random) -> tuple[str, str, str, bool]:
    """(name as written, acronym given, url, is a chapter)."""
    name, acronym, url, chapter = org["name"], "", "", False
    roll = rng.random()
    words = name.split()
    if roll < 0.40:
        pass
    elif roll < 0.52:
        name = rng.choice([name.upper(), name.replace(f"{org['origin']} ", f"{org['origin']}-", 1),
                           "The " + name, name + ", Inc.", name.replace(" and ", " & ")])  # fmt: skip
    elif roll < 0.67:
        i = rng.choice([k for k, w in enumerate(words) if len(w) >= 6] or [0])
        words[i] = typo(words[i], rng)
        name = " ".join(words)
    elif roll < 0.77:
        name = " ".join(ABBREVIATIONS.get(w, w) for w in words)
    elif roll < 0.85 and org["form"] in (0, 1):
        other = 1 - org["form"]
        name = official_name(
            org["origin"], org["host"], org["prof"], org["head"], org["qual"], other
        )
    elif roll < 0.95:
        acronym = org["acronym"]
    else:
        state = rng.choice(STATES)
        name = rng.choice([f"{name} - {state} Chapter", f"{state} Chapter of the {name}"])
        chapter = True
    pick = rng.random()
    if pick < 0.10:
        url = f"https://www.{org['site']}/about"
    elif pick < 0.30:
        url = f"https://news{rng.randrange(50)}.example.com/story{rng.randrange(10**6)}"
    return name, acronym, url, chapter


def generate(orgs_n: int, mentions_n: int, seed: int) -> list[dict[str, Any]]:
    sys.path.insert(0, str(ROOT / "src"))
    from diaspora_atlas.extract.hostorigin import infer_host_origin

    rng = random.Random(seed)
    orgs = make_orgs(orgs_n, rng)
    weights = [1 / (k + 1) ** 0.6 for k in range(len(orgs))]
    counts = Counter(rng.choices(range(len(orgs)), weights, k=mentions_n - len(orgs)))
    inferred: dict[str, tuple[str | None, list[str]]] = {}
    out = []
    for k, org in enumerate(orgs):
        for _ in range(1 + counts[k]):
            name, acronym, url, chapter = variant(org, rng)
            if name not in inferred:
                found = infer_host_origin(name)
                inferred[name] = (found.host_iso3, list(found.origin_iso3))
            host, origins = inferred[name]
            if host is None and rng.random() < 0.6:
                host = org["host"]  # the sentence names the host
            out.append({"id": f"m{len(out):06d}", "name": name, "host": host, "origins": origins,
                        "acronym": acronym, "url": url, "truth": org["id"], "chapter": chapter})  # fmt: skip
    rng.shuffle(out)
    return out


# ---------------------------------------------------------------- scoring


def pairs(groups: dict[str, list[str]]) -> int:
    return sum(len(g) * (len(g) - 1) // 2 for g in groups.values())


def score(mentions: list[dict[str, Any]], predicted: dict[str, str]) -> dict[str, float]:
    truth = {m["id"]: m["truth"] for m in mentions}
    by_truth: dict[str, list[str]] = defaultdict(list)
    by_pred: dict[str, list[str]] = defaultdict(list)
    both: dict[tuple[str, str], list[str]] = defaultdict(list)
    for mid, t in truth.items():
        p = predicted[mid]
        by_truth[t].append(mid)
        by_pred[p].append(mid)
        both[(t, p)].append(mid)
    tp, pp, tt = pairs(both), pairs(by_pred), pairs(by_truth)
    precision = tp / pp if pp else 1.0
    recall = tp / tt if tt else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "clusters": len(by_pred), "true_organisations": len(by_truth)}  # fmt: skip


def best(mentions: list[dict[str, Any]], predicted: dict[str, Any]) -> dict[str, Any]:
    """Scores of one clustering, or of the best of several (splink's, by threshold)."""
    if all(isinstance(v, str) for v in predicted.values()):
        return score(mentions, predicted)
    scored = {t: score(mentions, p) for t, p in predicted.items()}
    threshold, chosen = max(scored.items(), key=lambda kv: kv[1]["f1"])
    others = ", ".join(f"{t}: {s['f1']}" for t, s in scored.items())
    return {
        **chosen,
        "note": f"best F1 at cluster threshold {threshold} (F1 by threshold: {others})",
    }


# ---------------------------------------------------------------- workers (child processes)


def run_ours(mentions: list[dict[str, Any]]) -> dict[str, str]:
    sys.path.insert(0, str(ROOT / "src"))
    from diaspora_atlas.resolve.candidates import MentionIn, resolve_mentions

    items = [MentionIn(m["id"], m["name"], m["host"], tuple(m["origins"]), m["acronym"] or None, m["url"])
             for m in mentions]  # fmt: skip
    resolution = resolve_mentions(items)
    head = {c.id: c.chapter_of or c.id for c in resolution.clusters}
    return {m.id: head[c.id] for c in resolution.clusters for m in c.members}


def run_rapidfuzz(mentions: list[dict[str, Any]]) -> dict[str, str]:
    from rapidfuzz import fuzz, process, utils

    names = [utils.default_process(m["name"]) for m in mentions]
    matrix = process.cdist(
        names, names, scorer=fuzz.token_sort_ratio, score_cutoff=90, workers=2, dtype="uint8"
    )
    parent = list(range(len(names)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    rows, cols = matrix.nonzero()
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        if i < j:
            a, b = find(i), find(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {m["id"]: str(find(i)) for i, m in enumerate(mentions)}


def run_splink(mentions: list[dict[str, Any]]) -> dict[str, str]:
    import re

    import pandas as pd
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    def fold(text: str) -> str:
        return " ".join(re.sub(r"[^a-z0-9]+", " ", text.casefold()).split())

    rows = [{"unique_id": m["id"], "name": fold(m["name"]), "origin": ";".join(sorted(m["origins"])) or None,
             "host": m["host"], "acronym": (m["acronym"] or "").lower() or None} for m in mentions]  # fmt: skip
    df = pd.DataFrame(rows)
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("name", [0.95, 0.9, 0.8]),
            cl.ExactMatch("origin"),
            cl.ExactMatch("host"),
            cl.ExactMatch("acronym"),
        ],
        blocking_rules_to_generate_predictions=[block_on("origin", "host"), block_on("acronym")],
    )
    linker = Linker(DuckDBAPI().register(df), settings, log_level=40)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("origin", "host", "name")], recall=0.8
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("origin", "host"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("name"))
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    out: dict[str, dict[str, str]] = {}
    for threshold in SPLINK_THRESHOLDS:
        clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
            predictions, threshold
        )
        frame = clusters.as_pandas_dataframe()
        out[str(threshold)] = dict(
            zip(frame["unique_id"], frame["cluster_id"].astype(str), strict=True)
        )
    return out  # type: ignore[return-value]


SPLINK_THRESHOLDS = (0.5, 0.9, 0.95, 0.99)
WORKERS = {"ours": run_ours, "rapidfuzz": run_rapidfuzz, "splink": run_splink}


def peak_rss_mb() -> float:
    """This process's peak resident memory: VmHWM (reset by exec, unlike ru_maxrss, which a
    child inherits from the parent that forked it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(kind: str, data: Path) -> None:
    mentions = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines()]
    started = time.perf_counter()
    predicted = WORKERS[kind](mentions)
    elapsed = time.perf_counter() - started
    peak_mb = peak_rss_mb()
    print(
        json.dumps(
            {"seconds": round(elapsed, 2), "peak_mb": round(peak_mb, 1), "predicted": predicted}
        )
    )


# ---------------------------------------------------------------- parent


def child(kind: str, data: Path, python: str) -> dict[str, Any]:
    done = subprocess.run([python, __file__, "--worker", kind, "--data", str(data)], capture_output=True,
                          text=True, check=False)  # fmt: skip
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def write(path: Path, mentions: list[dict[str, Any]]) -> None:
    path.write_text("\n".join(json.dumps(m) for m in mentions) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=5000)
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--splink-python", default=str(SPLINK_VENV / "bin" / "python"))
    parser.add_argument("--worker", choices=sorted(WORKERS))
    parser.add_argument("--data", type=Path)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.data)
        return
    mentions = generate(args.orgs, args.mentions, args.seed)
    sample = random.Random(args.seed).sample(mentions, min(args.sample, len(mentions)))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        full, part = Path(tmp) / "full.jsonl", Path(tmp) / "sample.jsonl"
        write(full, mentions)
        write(part, sample)
        plan = [("ours", full, sys.executable, mentions), ("splink (DuckDB)", full, args.splink_python, mentions),
                ("ours", part, sys.executable, sample), ("rapidfuzz all pairs", part, sys.executable, sample)]  # fmt: skip
        for label, data, python, data_mentions in plan:
            kind = "ours" if label == "ours" else label.split()[0]
            result = child(kind, data, python)
            row: dict[str, Any] = {"resolver": label, "mentions": len(data_mentions)}
            if "error" in result:
                row["error"] = result["error"]
            else:
                row.update(
                    seconds=result["seconds"],
                    peak_mb=result["peak_mb"],
                    **best(data_mentions, result["predicted"]),
                )
            rows.append(row)
            print(json.dumps(row), flush=True)
    report(rows, args)


def report(rows: list[dict[str, Any]], args: argparse.Namespace) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    meta = {"orgs": args.orgs, "mentions": args.mentions, "sample": args.sample, "seed": args.seed,
            "machine": "2 cores shared, 24 GiB", "date": time.strftime("%Y-%m-%d")}  # fmt: skip
    (RESULTS / "resolve-peers.json").write_text(
        json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n"
    )
    lines = [
        "# Resolution of candidate mentions: ours, splink, all-pairs rapidfuzz",
        "",
        f"Generated by `benchmarks/resolve_peers.py` on {meta['date']} ({meta['machine']}): "
        f"{args.mentions} mentions of {args.orgs} organisations (seed {args.seed}); "
        f"all-pairs rapidfuzz on a random sample of {args.sample} mentions. Pairwise scores.",
        "",
        "| resolver | mentions | time (s) | peak memory (MB) | precision | recall | F1 | clusters | true organisations |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    notes = [f"- {r['resolver']} ({r['mentions']}): {r['note']}" for r in rows if r.get("note")]
    for r in rows:
        if "error" in r:
            lines.append(
                f"| {r['resolver']} | {r['mentions']} | failed: {r['error']} | | | | | | |"
            )
            continue
        lines.append(f"| {r['resolver']} | {r['mentions']} | {r['seconds']} | {r['peak_mb']} | {r['precision']} | "
                     f"{r['recall']} | {r['f1']} | {r['clusters']} | {r['true_organisations']} |")  # fmt: skip
    lines += ["", "Peak memory is each child process's VmHWM (its own peak resident set).", *notes]
    (RESULTS / "resolve-peers.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
