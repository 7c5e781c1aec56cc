"""Sentence similarity to the paper's own definitions of the three focuses, offline.

The model is WordLlama's ``l2_supercat_256`` static token embeddings (MIT), which the PyPI
package ``wordllama`` ships inside itself: no torch, nothing downloaded. It is loaded on
first use (about 0.4 s) and every sentence's vector is cached for the life of the process.
Before a sentence is embedded, the origin's names become "home country" and the host's
"host country", so that "clinics in Nepal" and "clinics in their home country" meet.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.refdata import data_dir
from diaspora_atlas.refdata.tables import parse_table, require
from diaspora_atlas.synthesise.types import FOCUSES

PROTOTYPES_FILE = "focus_prototypes.csv"
HINT = "restore data/rules/focus_prototypes.csv from git (`git checkout -- data/rules/`)"
MODEL_ID = "wordllama l2_supercat_256"
if TYPE_CHECKING:  # numpy is imported when vectors are made, not with the module
    import numpy as np
    import numpy.typing as npt

    Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    def __call__(self, texts: Sequence[str]) -> Vectors:
        """One unit-length row per text."""
        ...


@dataclass(frozen=True)
class Prototype:
    code: str
    threshold: float
    sentence: str
    source: str


def _parse(row: dict[str, str]) -> Prototype:
    require(row["code"] in FOCUSES, f"unknown focus {row['code']!r}")
    threshold = float(row["threshold"])
    require(0 < threshold < 1, f"threshold {threshold} outside (0, 1)")
    return Prototype(row["code"], threshold, row["sentence"], row["source"])


@cache
def prototypes() -> tuple[Prototype, ...]:
    path = Path(data_dir()) / "rules" / PROTOTYPES_FILE
    columns = ("code", "threshold", "sentence", "source")
    return tuple(parse_table(path, columns, _parse, HINT))


class CachedEmbedder:
    """Wraps a raw embedding function with a per-text cache."""

    def __init__(self, raw: Embedder) -> None:
        self._raw = raw
        self._cache: dict[str, Vectors] = {}

    def __call__(self, texts: Sequence[str]) -> Vectors:
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            for text, vector in zip(missing, self._raw(missing), strict=True):
                self._cache[text] = vector
        import numpy as np

        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])


@contextmanager
def _root_logging_kept() -> Iterator[None]:
    """Undo what an import does to the root logger: wordllama calls
    ``logging.basicConfig(level=INFO)`` when imported, which would print every INFO record
    of the process (the HTTP client's retries, for one) on standard error from then on."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        for handler in [h for h in root.handlers if h not in handlers]:
            root.removeHandler(handler)
        root.setLevel(level)


@cache
def default_embedder() -> CachedEmbedder:
    """The bundled WordLlama model, loaded once, on first use."""
    try:
        with _root_logging_kept():
            import wordllama
            from safetensors import safe_open
            from tokenizers import Tokenizer
            from wordllama.inference import WordLlamaInference
    except ImportError as exc:  # pragma: no cover - a broken install
        raise DataFileError(
            f"the sentence-embedding model cannot be loaded ({exc})",
            "reinstall the project (`make install`), which installs wordllama",
        ) from exc
    root = Path(wordllama.__file__).parent
    tokenizer = Tokenizer.from_file(str(root / "tokenizers" / "l2_supercat_tokenizer_config.json"))
    with safe_open(str(root / "weights" / "l2_supercat_256.safetensors"), framework="np") as f:
        weights = f.get_tensor("embedding.weight")
    model = WordLlamaInference(weights, tokenizer)
    import numpy as np

    def embed(texts: Sequence[str]) -> Vectors:
        return np.asarray(model.embed(list(texts), norm=True), dtype=np.float32)

    return CachedEmbedder(embed)


def generic(
    sentence: str, home: Sequence[str], home_adj: Sequence[str], host: Sequence[str]
) -> str:
    """The sentence with the origin named "home country" and the host "host country"."""
    for words, replacement in (
        (home_adj, "home-country"),
        (home, "home country"),
        (host, "host country"),
    ):
        usable = sorted({w for w in words if w.isascii() and len(w) > 2}, key=len, reverse=True)
        if usable:
            pattern = r"\b(" + "|".join(re.escape(w) for w in usable) + r")\b"
            sentence = re.sub(pattern, replacement, sentence, flags=re.IGNORECASE)
    return sentence


def best_prototypes(
    sentences: Sequence[str], embed: Embedder
) -> list[dict[str, tuple[float, Prototype]]]:
    """For each sentence, per focus: the highest similarity and the prototype it was to."""
    protos = prototypes()
    if not sentences:
        return []
    scores = embed(list(sentences)) @ embed([p.sentence for p in protos]).T
    out: list[dict[str, tuple[float, Prototype]]] = []
    for row in scores:
        best: dict[str, tuple[float, Prototype]] = {}
        for score, proto in zip(row.tolist(), protos, strict=True):
            if proto.code not in best or score > best[proto.code][0]:
                best[proto.code] = (float(score), proto)
        out.append(best)
    return out
