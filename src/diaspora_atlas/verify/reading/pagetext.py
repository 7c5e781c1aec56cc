"""The page's main text kept for step 5 (``page_text``: data/rules/focus_texts.csv): what
trafilatura extracts, trimmed to ``LIMIT`` characters at the last sentence end before it
(or, with no sentence end in its second half, at the last space), with a note saying how
much was kept."""

from __future__ import annotations

import re
from dataclasses import dataclass

LIMIT = 4000  # characters kept of a page's main text
_SENTENCE_END = re.compile(r"[.!?][”\"’)\]]?(?=\s)")


@dataclass(frozen=True)
class PageText:
    text: str  # what is kept
    note: str  # what it is and how much of the page's text it keeps


def fold_lines(text: str) -> str:
    """Whitespace folded within lines; empty lines dropped."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def trimmed(text: str, limit: int = LIMIT) -> str:
    """``text`` folded and cut to at most ``limit`` characters at a sentence boundary."""
    folded = fold_lines(text)
    if len(folded) <= limit:
        return folded
    head = folded[: limit + 1]
    ends = [m.end() for m in _SENTENCE_END.finditer(head) if m.end() <= limit]
    if ends and ends[-1] >= limit // 2:
        return head[: ends[-1]].rstrip()
    cut = head.rfind(" ", 0, limit)
    return head[: cut if cut > 0 else limit].rstrip()


def page_text(main: str, limit: int = LIMIT) -> PageText | None:
    """The main text to keep (``main``: trafilatura's extraction), or None when empty."""
    whole = fold_lines(main)
    if not whole:
        return None
    kept = trimmed(whole, limit)
    what = "main text of the page as trafilatura extracts it"
    if kept == whole:
        return PageText(kept, f"{what} ({len(whole)} characters)")
    at = "a sentence end" if kept.endswith((".", "!", "?", "”", '"', "’", ")", "]")) else "a space"
    return PageText(kept, f"{what}: the first {len(kept)} of {len(whole)} characters, cut at {at}")
