"""`/api/match` is never `chosen` on a different organisation with a near-identical name, and
says why; the names and acronyms people use are chosen (``match_near_identical.yaml``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

CASES = yaml.safe_load((Path(__file__).parent / "match_near_identical.yaml").read_text("utf-8"))


def _items(web: Any, name: str) -> list[dict[str, Any]]:
    answer = web.get("/api/match", {"name": name})
    assert answer.status_code == 200, answer.content
    return list(answer.json()["items"])


def test_the_set_is_big_enough() -> None:
    assert len(CASES["not_chosen"]) >= 30
    queries = {c["query"] for c in CASES["chosen"]}
    assert {"APPNA", "AAPI", "BAPIO"} <= queries
    pairs = {(c["query"], c["not"]) for c in CASES["not_chosen"]}
    assert (
        "Vietnamese-Australian Medical Association",
        "Vietnamese American Medical Association",
    ) in pairs
    assert ("United Iraqi Medical Association", "Iraqi Medical Association UK") in pairs


def test_never_chosen_on_a_near_identical_name(web: Any) -> None:
    wrong = []
    for case in CASES["not_chosen"]:
        items = _items(web, case["query"])
        for item in items:
            if item["organisation"]["name"] == case["not"]:
                if item["chosen"]:
                    wrong.append(f"{case['query']!r} chose {case['not']!r} ({item['reason']})")
                elif not item["reason"]:
                    wrong.append(f"{case['query']!r} → {case['not']!r}: no reason given")
    assert not wrong, "\n".join(wrong)


def test_names_and_acronyms_people_use_are_chosen(web: Any) -> None:
    wrong = []
    for case in CASES["chosen"]:
        chosen = [i for i in _items(web, case["query"]) if i["chosen"]]
        names = [i["organisation"]["name"] for i in chosen]
        if names != [case["chosen"]]:
            wrong.append(f"{case['query']!r} chose {names}, not {case['chosen']!r}")
        elif not chosen[0]["reason"]:
            wrong.append(f"{case['query']!r}: chosen with no reason")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("case", CASES["not_chosen"][:2], ids=lambda c: c["query"])
def test_the_reason_names_the_difference(web: Any, case: dict[str, str]) -> None:
    item = next(i for i in _items(web, case["query"]) if i["organisation"]["name"] == case["not"])
    assert item["reason"].startswith("not the same organisation")
