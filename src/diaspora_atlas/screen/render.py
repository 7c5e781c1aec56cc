"""A reviewer's screen in plain text: the evidence card on the left, the criteria beside it,
the order's explanation and the keys below. Plain lines, so it works over a pipe."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from diaspora_atlas.screen.card import Card
from diaspora_atlas.screen.keys import Keys

LEFT, RIGHT, MAX_EXCERPTS = 62, 58, 4
MARK = {"met": "met", "not_met": "NOT met", "cannot_tell": "cannot tell"}


def card_lines(card: Card) -> list[str]:
    out = [card.name.upper()]
    if card.names:
        out.append("also written: " + "; ".join(card.names[:4]))
    out.append(f"host: {card.host_iso3 or '?'}   origin: {', '.join(card.origin_iso3) or '?'}"
               + (f"   acronym: {card.acronym}" if card.acronym else ""))  # fmt: skip
    if card.sites:
        out.append("sites: " + ", ".join(card.sites))
    if card.inventory_match:
        out.append(f"in the inventory as: {card.inventory_name} ({card.inventory_match})")
    if card.chapter:
        out.append("a chapter" + (f" of {card.chapter_of}" if card.chapter_of else ""))
    for check in card.checks:
        out.append(f"website check: {check.outcome} {check.url} {check.checked_at[:10]}")
    for q in card.addresses[:2]:
        out.append(f"address: {q.text} ({q.source_url})")
    for q in card.excerpts[:MAX_EXCERPTS]:
        out.append(f"“{q.text}”")
        out.append(f"   — {q.source_url} {q.where}".rstrip())
    if len(card.excerpts) > MAX_EXCERPTS:
        out.append(f"(+{len(card.excerpts) - MAX_EXCERPTS} more mentions)")
    for q in card.texts[:2]:
        out.append(f"“{q.text}” — {q.where}")
    out += [f"note: {n}" for n in card.notes[:3]]
    return [piece for line in out for piece in textwrap.wrap(line, LEFT) or [""]]


def criteria_lines(criteria: Sequence[dict[str, Any]], rule_decision: str) -> list[str]:
    out = [f"RULES SAY: {rule_decision.upper()}"]
    for c in criteria:
        who = "rule" if c["decided_by"] == "rule" else "you"
        out.append(f"{c['code']} {MARK[c['outcome']]} ({c['confidence']:.1f}, {who})")
        out += ["   " + line for line in textwrap.wrap(c["explanation"], RIGHT - 3)]
        if c.get("exception"):
            out.append(f"   exception {c['exception']['code']}: {c['exception']['reason']}")
    return out


def screen_text(
    card: Card,
    criteria: Sequence[dict[str, Any]],
    rule_decision: str,
    position: str,
    method: str,
    keys: Keys,
    extra: Sequence[str] = (),
) -> str:
    left, right = card_lines(card), criteria_lines(criteria, rule_decision)
    rows = [
        f"{(left[i] if i < len(left) else ''):<{LEFT}}  {right[i] if i < len(right) else ''}".rstrip()
        for i in range(max(len(left), len(right)))
    ]
    head = [f"── {position} ── {card.id} " + "─" * 20, *extra]
    foot = ["", f"order: {method}", *keys.legend()]
    return "\n".join(head + rows + foot)
