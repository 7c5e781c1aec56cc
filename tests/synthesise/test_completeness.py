"""Capture–recapture estimates against answers worked out by hand."""

from __future__ import annotations

import pytest

from diaspora_atlas.errors import UsageError
from diaspora_atlas.synthesise.completeness import (
    CHAO_LOWER_BOUND,
    CHAPMAN,
    NONE,
    estimate_by_host,
    estimate_total,
    log_normal_interval,
)


def ids(prefix: str, start: int, stop: int) -> set[str]:
    return {f"{prefix}{i}" for i in range(start, stop)}


def test_one_source_gives_no_estimate() -> None:
    result = estimate_total({"frehywot2019": ids("o", 0, 89)})
    assert result.method == NONE and result.estimate is None and result.observed == 89
    assert "two or more" in result.explanation
    assert result.assumptions  # stated even when there is no estimate


def test_chapman_by_hand() -> None:
    # n1 = 60, n2 = 55, m = 20: N = 61*56/21 - 1 = 161.667;
    # var = 61*56*40*35 / (21^2 * 22) = 4,782,400 / 9,702 = 492.929
    result = estimate_total({"paper": ids("o", 0, 60), "search": ids("o", 40, 95)})
    assert result.method == CHAPMAN
    assert result.observed == 95
    assert result.estimate == pytest.approx(161.6667, abs=1e-3)
    assert result.variance == pytest.approx(492.929, abs=1e-3)
    low, high = result.interval or (0, 0)
    # f0 = 66.667; ln(1 + 492.929/4444.44) = 0.10518; C = exp(1.96 * 0.32432) = 1.8883
    assert low == pytest.approx(95 + 66.6667 / 1.8883, abs=0.05)
    assert high == pytest.approx(95 + 66.6667 * 1.8883, abs=0.1)
    assert result.completeness == pytest.approx(95 / 161.6667)


def test_chapman_when_both_found_the_same_organisations() -> None:
    same = ids("o", 0, 10)
    result = estimate_total({"a": same, "b": set(same)})
    assert result.estimate == pytest.approx(10.0)  # 11*11/11 - 1
    assert result.interval == (10.0, 10.0)


def test_chapman_with_no_overlap_says_so() -> None:
    result = estimate_total({"a": ids("a", 0, 3), "b": ids("b", 0, 4)})
    assert result.estimate == pytest.approx(19.0)  # 4*5/1 - 1
    assert "very uncertain" in result.explanation


def test_chao_lower_bound_by_hand() -> None:
    # 3 sources; 5 organisations found once, 2 twice, 1 three times: S_obs = 8
    # N = 8 + (2/3) * 5*4 / (2*3) = 8 + 2.2222 = 10.2222
    incidence = {
        "a": {"x1", "x2", "y1", "y2", "z1"},
        "b": {"x3", "y1", "z1"},
        "c": {"x4", "x5", "y2", "z1"},
    }
    result = estimate_total(incidence)
    assert result.method == CHAO_LOWER_BOUND
    assert result.found_by_k == {1: 5, 2: 2, 3: 1}
    assert result.estimate == pytest.approx(10.2222, abs=1e-4)
    # var = A f1(f1-1)/(2(f2+1)) + A^2 f1(2f1-1)^2/(4(f2+1)^2) + A^2 f1^2 f2 (f1-1)^2/(4(f2+1)^4)
    a = 2 / 3
    expected = a * 20 / 6 + a**2 * 5 * 81 / 36 + a**2 * 25 * 2 * 16 / (4 * 81)
    assert result.variance == pytest.approx(expected)
    low, high = result.interval or (0, 0)
    assert 8 <= low < result.estimate < high


def test_chao_with_no_singletons_is_the_observed_count() -> None:
    both = {"x", "y"}
    result = estimate_total({"a": both, "b": both, "c": {"x"}})
    assert result.estimate == 2 and result.interval == (2.0, 2.0)


def test_interval_never_below_observed() -> None:
    low, _ = log_normal_interval(50, 51.0, 1000.0, 0.95)
    assert low >= 50


def test_by_host_keeps_a_source_that_searched_and_found_nothing() -> None:
    host_of = {"o1": "USA", "o2": "USA", "o3": "GBR"}
    incidence = {"paper": {"o1", "o2", "o3"}, "search": {"o1"}}
    result = estimate_by_host(incidence, host_of, {"search": ["USA", "GBR"]})
    assert result["GBR"].method == CHAPMAN
    assert result["GBR"].found_by_source == {"paper": 1, "search": 0}
    without = estimate_by_host(incidence, host_of)
    assert without["GBR"].method == NONE


def test_bad_input_is_a_clear_error() -> None:
    with pytest.raises(UsageError):
        estimate_total({"a": {"x"}}, confidence=1.5)
    with pytest.raises(UsageError, match="no host"):
        estimate_by_host({"a": {"x"}}, {})
