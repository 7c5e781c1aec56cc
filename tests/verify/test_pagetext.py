"""The page text kept for step 5: trafilatura's main text, trimmed at a sentence end."""

from __future__ import annotations

from diaspora_atlas.verify.reading.pagetext import page_text, trimmed


def test_a_short_text_is_kept_whole_with_whitespace_folded() -> None:
    found = page_text("  We run   clinics.\n\n\nWe train doctors.  ")
    assert found is not None
    assert found.text == "We run clinics.\nWe train doctors."
    assert found.note == "main text of the page as trafilatura extracts it (33 characters)"
    assert page_text(" \n ") is None


def test_a_long_text_is_cut_at_the_last_sentence_end_before_the_limit() -> None:
    sentence = "The association runs free clinics in Accra every year. "
    text = sentence * 100
    kept = trimmed(text, limit=300)
    assert len(kept) <= 300 and kept.endswith("every year.")
    assert kept == (sentence * 5).strip()
    found = page_text(text, limit=300)
    assert found is not None and f"the first {len(kept)} of " in found.note
    assert found.note.endswith("cut at a sentence end")


def test_a_text_without_sentence_ends_is_cut_at_a_space() -> None:
    text = "word " * 200
    kept = trimmed(text, limit=103)
    assert len(kept) <= 103 and kept.endswith("word") and " " not in kept[-4:]
    found = page_text(text, limit=103)
    assert found is not None and found.note.endswith("cut at a space")
