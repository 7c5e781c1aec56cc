from __future__ import annotations

import socket
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pytest

from diaspora_atlas.synthesise.classify import classify
from diaspora_atlas.synthesise.embedding import CachedEmbedder, default_embedder, generic
from diaspora_atlas.synthesise.rules import sentences
from diaspora_atlas.synthesise.types import (
    CONFIRMED,
    CURATOR,
    EMBEDDING,
    FOCUS,
    LABELLED,
    NO_LABEL,
    NO_TEXT,
    REJECTED,
    ROLE,
    RULE,
    OrgContext,
    OrgText,
    PriorJudgement,
)

if TYPE_CHECKING:  # the module imports numpy only when it makes vectors
    from diaspora_atlas.synthesise.embedding import Vectors

NEPAL_UK = OrgContext(("NPL",), "GBR")
TEXT = OrgText(
    "The association runs free clinics in Nepal. It brings Nepalese doctors together in the UK.",
    "web2026",
    "https://example.org/about",
    "mission_summary",
)


def test_rules_label_each_focus_with_its_sentence_source_and_confidence() -> None:
    result = classify([TEXT], NEPAL_UK, use_model=False)
    assert result.status == LABELLED
    assert result.focus_column() == "home_country;professional_network"
    home = next(lb for lb in result.labels if lb.kind == FOCUS and lb.code == "home_country")
    assert home.sentence == "The association runs free clinics in Nepal."
    assert (home.source_id, home.source_url, home.method) == ("web2026", TEXT.source_url, RULE)
    assert 0 < home.confidence <= 1
    assert "professional_social_networking" in result.codes(ROLE)
    assert "health_care_services" in result.codes(ROLE)


def test_a_clinic_in_the_host_is_not_home_country() -> None:
    text = OrgText("The association runs free clinics in London.", "s", "u", "page_text")
    assert "home_country" not in classify([text], NEPAL_UK, use_model=False).codes()


def test_migrant_care_needs_the_migrant_community() -> None:
    text = OrgText(
        "It promotes the health of Ghanaians based in the UK.", "s", "u", "mission_summary"
    )
    result = classify([text], OrgContext(("GHA",), "GBR"), use_model=False)
    assert result.codes() == ("migrant_care",)


def test_short_host_codes_match_only_in_capitals() -> None:
    lower = OrgText("It helps Ghanaians in us to find care.", "s", "u", "page_text")
    assert classify([lower], OrgContext(("GHA",), "USA"), use_model=False).codes() == ()


def test_text_without_any_focus_is_no_label_not_no_text() -> None:
    text = OrgText("It is active through a Facebook page.", "s", "u", "paper_narrative")
    result = classify([text], NEPAL_UK, use_model=False)
    assert result.status == NO_LABEL and result.focus_column() == ""


def test_no_text_keeps_judgements() -> None:
    judged = PriorJudgement(FOCUS, "migrant_care", CONFIRMED, "curator-a", "read the site")
    result = classify([OrgText("  ", "s", "u", "page_text")], NEPAL_UK, [judged], use_model=False)
    assert result.status == NO_TEXT
    assert [lb.code for lb in result.labels] == ["migrant_care"]


def test_curator_judgements_are_never_overwritten() -> None:
    rejected = PriorJudgement(FOCUS, "home_country", REJECTED, "curator-a", "clinics closed")
    confirmed = PriorJudgement(
        FOCUS, "migrant_care", CONFIRMED, "curator-b", "", "Health fairs.", "u2"
    )
    result = classify([TEXT], NEPAL_UK, [rejected, confirmed], use_model=False)
    by_code = {lb.code: lb for lb in result.labels if lb.kind == FOCUS}
    assert by_code["home_country"].status == REJECTED
    assert by_code["home_country"].method == CURATOR and by_code["home_country"].reason == CURATOR
    assert by_code["migrant_care"].status == CONFIRMED
    assert by_code["migrant_care"].sentence == "Health fairs."
    assert result.focus_column() == "professional_network;migrant_care"
    # a second run with the same judgements gives the same answer
    assert classify([TEXT], NEPAL_UK, [rejected, confirmed], use_model=False) == result


class FakeModel:
    """Puts every sentence mentioning 'welcome' on the professional-network prototype."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, texts: Sequence[str]) -> Vectors:
        self.calls.append(list(texts))
        rows = []
        for text in texts:
            network = "welcome" in text or "bring together" in text or "network" in text
            rows.append([0.0, 1.0, 0.0] if network else [1.0, 0.0, 0.0])
        return np.asarray(rows, dtype=np.float32)


def test_model_labels_what_no_rule_found() -> None:
    text = OrgText("Newcomers are made welcome at our picnics.", "s", "u", "page_text")
    model = CachedEmbedder(FakeModel())
    result = classify([text], NEPAL_UK, model=model)
    label = next(
        lb for lb in result.labels if lb.code == "professional_network" and lb.kind == FOCUS
    )
    assert label.method == EMBEDDING and label.confidence == pytest.approx(1.0)
    assert "the paper's" in label.reason


def test_embeddings_are_cached_per_text() -> None:
    fake = FakeModel()
    model = CachedEmbedder(fake)
    model(["a", "b"])
    model(["b", "a", "c"])
    assert fake.calls == [["a", "b"], ["c"]]


def test_generic_names_the_origin_home_country() -> None:
    assert generic("Clinics in Nepal for Nepalese patients", ["Nepal"], ["Nepalese"], []) == (
        "Clinics in home country for home-country patients"
    )


def test_sentences_split_on_full_stops() -> None:
    assert sentences('One. Two! "Three" four.') == ["One.", "Two!", '"Three" four.']


def test_the_bundled_model_loads_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the model tried to use the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    model = default_embedder()
    vectors = model(["free clinics in the home country", "free clinics in the home country"])
    assert vectors.shape == (2, 256)
    assert np.linalg.norm(vectors[0]) == pytest.approx(1.0, abs=1e-3)
    near, far = model(["training doctors in the home country", "a gala dinner with music"])
    assert float(vectors[0] @ near) > float(vectors[0] @ far)


def test_loading_the_model_leaves_the_root_logger_alone() -> None:
    """wordllama configures the root logger when imported; in a fresh process (where it was
    never imported) loading the model must leave no handler and the level as it was."""
    import subprocess
    import sys

    code = (
        "import logging\n"
        "from diaspora_atlas.synthesise.embedding import default_embedder\n"
        "default_embedder()\n"
        "root = logging.getLogger()\n"
        "print(len(root.handlers), logging.getLevelName(root.level))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "WARNING"]
