"""Focus and role labels as statements (step 5, issue 14): the properties the synthesise stage
writes, how a label's method, confidence and text are written down, and how every reader
(exports, report, web pages) reads a record's labels back from its projected facts.

A label is a statement of dataset ``synthesis``: ``value`` the code, ``original_value`` the
sentence that supports it, ``source_url`` where that sentence is, ``rationale`` the rule or
prototype that matched (or the curator's judgement), and ``inferred_from`` the method, the
confidence and the kind of text, as ``label_note`` writes them. Readers get ``facts`` in the
shape of ``EntityView.facts_json()`` (what the read models keep), so a value judged wrong is
already marked ``rejected`` by the projection and never counts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

FOCUS_PROP = "focus"
ROLE_LABEL_PROP = "role_label"  # a role read from texts (sourced roles read by a person: "role")
STATUS_PROP = "focus_status"
DATASET = "synthesis"

HOME_COUNTRY = "home_country"
PROFESSIONAL_NETWORK = "professional_network"
MIGRANT_CARE = "migrant_care"
FOCUS_CODES = (HOME_COUNTRY, PROFESSIONAL_NETWORK, MIGRANT_CARE)
NO_TEXT = "no_text"  # the organisation has no text to judge
LABELLED = "labelled"
NO_LABEL = "no_label"  # texts exist, and none states a focus
CURATOR = "curator"

ASSIGNED = "assigned"
CONFIRMED = "confirmed"
REJECTED = "rejected"

_NOTE = re.compile(
    r"(?P<method>[\w-]+) · confidence (?P<confidence>\d+(?:\.\d+)?) · from (?P<kind>[\w-]+)"
)
_JUDGEMENT_DATASET = "judgement"  # model.projection: a curator's value no statement gives


def label_note(method: str, confidence: float, kind: str) -> str:
    """What ``inferred_from`` says of a label: 'rule · confidence 0.85 · from mission_summary'."""
    return f"{method} · confidence {confidence:.2f} · from {kind or 'unknown'}"


def read_note(text: str) -> tuple[str, float | None, str]:
    """(method, confidence, kind of text) from ``label_note``'s words; blanks if it is not one."""
    found = _NOTE.fullmatch(text.strip())
    if found is None:
        return "", None, ""
    return found["method"], float(found["confidence"]), found["kind"]


def _label(s: Mapping[str, Any]) -> dict[str, Any]:
    method, confidence, kind = read_note(str(s.get("inferred_from", "")))
    if s.get("dataset") == _JUDGEMENT_DATASET:  # a curator's value with no statement behind it
        method, confidence, kind = CURATOR, 1.0, "judgement"
    rejected = str(s.get("rejected", ""))
    status = REJECTED if rejected else CONFIRMED if method == CURATOR else ASSIGNED
    return {
        "code": str(s["value"]),
        "status": status,
        "sentence": str(s.get("original_value", "")),
        "source_id": str(s.get("source_id", "")),
        "source_url": str(s.get("source_url", "")),
        "confidence": confidence,
        "method": method,
        "text_kind": kind,
        "reason": str(s.get("rationale", "")),
        "judgement": rejected,
    }


def labels(facts: Mapping[str, Sequence[Mapping[str, Any]]], prop: str) -> list[dict[str, Any]]:
    """Every label of ``prop`` (focus or role_label) with its evidence; shown ones first."""
    found = [_label(s) for s in facts.get(prop, ()) if s.get("value")]
    order = {code: i for i, code in enumerate(FOCUS_CODES)}
    found.sort(key=lambda lb: (lb["status"] == REJECTED, order.get(lb["code"], 99), lb["code"]))
    return found


def held(facts: Mapping[str, Sequence[Mapping[str, Any]]], prop: str = FOCUS_PROP) -> list[str]:
    """The codes that hold (not judged wrong), focuses in the paper's order, each once."""
    codes = dict.fromkeys(lb["code"] for lb in labels(facts, prop) if lb["status"] != REJECTED)
    return list(codes)


def status(facts: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    """labelled | no_label | no_text, as the synthesise stage wrote it ('' before it ran)."""
    for s in facts.get(STATUS_PROP, ()):
        if s.get("value") and not s.get("rejected"):
            return str(s["value"])
    return ""


def focus_column(facts: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    """The export column: 'home_country;professional_network', 'no_text', or '' (texts that
    state no focus, or not classified yet). A curator's focus counts even without text."""
    codes = held(facts)
    if codes:
        return ";".join(codes)
    return NO_TEXT if status(facts) == NO_TEXT else ""


def focus_record(facts: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[str, Any]:
    """Everything a record shows of its focuses and role labels, with the evidence."""
    return {
        "focuses": focus_column(facts),
        "status": status(facts),
        "codes": held(facts),
        "labels": labels(facts, FOCUS_PROP),
        "role_labels": labels(facts, ROLE_LABEL_PROP),
    }
