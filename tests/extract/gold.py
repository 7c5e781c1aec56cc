"""Scoring the mention extractor against the labelled gold set (tests/extract/gold_mentions.jsonl).

Each line is one real passage (its URL kept) with the organisation mentions a person
labelled by reading it: ``diaspora`` (could be a medical diaspora organisation) or
``lookalike:<kind>`` (hospital, university, government, nurses, pharmacists, host_body,
home_body, ...), with the origin and host countries the name and its sentence give.
A prediction matches a gold mention when the spans overlap and the normalised names are
equal (strict).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from diaspora_atlas.extract.mentions import Mention, extract_mentions
from diaspora_atlas.protocol import load_protocol
from diaspora_atlas.refdata import normalise_name

GOLD = Path(__file__).with_name("gold_mentions.jsonl")
PROTOCOL = load_protocol("frehywot2019")


@dataclass(frozen=True)
class GoldMention:
    text_id: str
    name: str
    start: int
    end: int
    label: str
    acronym: str | None
    origin: tuple[str, ...]
    host: str | None

    @property
    def positive(self) -> bool:
        return self.label == "diaspora"


@dataclass(frozen=True)
class Scores:
    texts: int
    positives: int
    lookalikes: int
    predicted: int
    true_positives: int
    origin_correct: int
    host_correct: int
    acronyms: int
    acronym_correct: int
    lookalikes_kept_out: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted

    @property
    def recall(self) -> float:
        return self.true_positives / self.positives

    @property
    def origin_accuracy(self) -> float:
        return self.origin_correct / self.true_positives

    @property
    def host_accuracy(self) -> float:
        return self.host_correct / self.true_positives

    @property
    def lookalike_rejection(self) -> float:
        return self.lookalikes_kept_out / self.lookalikes


def load_gold(split: str | None = None) -> list[tuple[dict[str, object], list[GoldMention]]]:
    """The passages and their mentions; ``split`` "dev" (the passages the rules were
    written against) or "heldout" (labelled before the extractor was run on them)."""
    passages = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        passage = json.loads(line)
        if split is not None and passage.get("split", "dev") != split:
            continue
        text = str(passage["text"])
        mentions = []
        for item in passage["mentions"]:  # type: ignore[attr-defined]
            start = -1
            for _ in range(int(item.get("occurrence", 1))):
                start = text.index(item["name"], start + 1)
            mentions.append(
                GoldMention(
                    str(passage["id"]),
                    item["name"],
                    start,
                    start + len(item["name"]),
                    item["label"],
                    item["acronym"],
                    tuple(item["origin"]),
                    item["host"],
                )
            )
        passages.append((passage, mentions))
    return passages


def _same(prediction: Mention, gold: GoldMention) -> bool:
    overlap = prediction.start < gold.end and gold.start < prediction.end
    return overlap and prediction.normalised == normalise_name(gold.name)


def _overlaps(prediction: Mention, gold: GoldMention) -> bool:
    return prediction.start < gold.end and gold.start < prediction.end


def score(split: str | None = None) -> Scores:
    counts = dict.fromkeys(
        (
            "texts",
            "positives",
            "lookalikes",
            "predicted",
            "tp",
            "origin",
            "host",
            "acr",
            "acr_ok",
            "out",
        ),
        0,
    )
    for passage, gold in load_gold(split):
        counts["texts"] += 1
        found = [
            m for m in extract_mentions(str(passage["text"]), protocol=PROTOCOL) if m.candidate
        ]
        counts["predicted"] += len(found)
        for item in gold:
            if not item.positive:
                counts["lookalikes"] += 1
                counts["out"] += not any(_overlaps(m, item) for m in found)
                continue
            counts["positives"] += 1
            match = next((m for m in found if _same(m, item)), None)
            if match is None:
                continue
            counts["tp"] += 1
            counts["origin"] += set(match.origin_iso3) == set(item.origin)
            counts["host"] += match.host_iso3 == item.host
            if item.acronym:
                counts["acr"] += 1
                counts["acr_ok"] += match.acronym == item.acronym
    return Scores(
        counts["texts"], counts["positives"], counts["lookalikes"], counts["predicted"],
        counts["tp"], counts["origin"], counts["host"], counts["acr"], counts["acr_ok"], counts["out"],
    )  # fmt: skip
