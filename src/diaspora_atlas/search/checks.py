"""Checks every planned query must pass: balanced quotes and brackets, and the engine's
length limits (data/rules/engines.yaml, each with its source)."""

from __future__ import annotations

from diaspora_atlas.search.engines import EngineRule

PAIRS = {"(": ")", "[": "]", "{": "}"}


def word_count(query: str) -> int:
    """Words as Google counts them for its limit: whitespace-separated, operators included."""
    return len(query.split())


def bracket_problem(query: str) -> str:
    """Why the quotes or brackets of ``query`` are unbalanced, or ``""``."""
    if query.count('"') % 2:
        return "an odd number of double quotes"
    stack: list[str] = []
    inside_quotes = False
    for position, char in enumerate(query):
        if char == '"':
            inside_quotes = not inside_quotes
        elif inside_quotes:
            continue
        elif char in PAIRS:
            stack.append(PAIRS[char])
        elif char in PAIRS.values() and (not stack or stack.pop() != char):
            return f"an unmatched {char!r} at character {position + 1}"
    return f"{len(stack)} unclosed bracket(s)" if stack else ""


def limit_problems(query: str, rule: EngineRule) -> list[str]:
    """Which of the engine's limits ``query`` exceeds."""
    found = []
    if rule.max_chars is not None and len(query) > rule.max_chars:
        found.append(f"{len(query)} characters, over {rule.name}'s {rule.max_chars}")
    if rule.max_words is not None and word_count(query) > rule.max_words:
        found.append(f"{word_count(query)} words, over {rule.name}'s {rule.max_words}")
    return found


def problems(query: str, rule: EngineRule) -> list[str]:
    """Everything wrong with a query for this engine (empty: it passes)."""
    found = limit_problems(query, rule)
    if unbalanced := bracket_problem(query):
        found.insert(0, unbalanced)
    return found
