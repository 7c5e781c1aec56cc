"""How complete is an inventory? Capture–recapture estimates from independent sources.

Input: which organisations each source found (source id -> organisation ids), for one host.

* one source: no estimate — capture–recapture needs at least two;
* two sources: Chapman's bias-corrected Lincoln–Petersen estimator with Seber's variance and
  Chao's log-normal interval (its lower end never falls below the number observed);
* three or more: Chao's lower-bound estimator for incidence data (Chao 1987; "Chao2"),
  bias-corrected form, with its variance and the same log-normal interval.

References: Chapman DG (1951) Univ Calif Publ Stat 1:131-160; Seber GAF (1982) The estimation
of animal abundance, 2nd ed., p. 60; Chao A (1987) Biometrics 43:783-791; Chao A (1989)
Biometrics 45:427-438; Chao A et al. (2005) Stat Sinica 15:323-338 (variance of Chao2).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from statistics import NormalDist
from typing import Any

from diaspora_atlas.errors import UsageError

NONE = "none"
CHAPMAN = "chapman"
CHAO_LOWER_BOUND = "chao_lower_bound"

ASSUMPTIONS = (
    "closed population: no organisation was founded or closed between the sources' searches "
    "(not true across 2019-2026: a new organisation raises the estimate, a closed one lowers "
    "what the later source can find)",
    "independent sources: finding an organisation in one source does not change the chance "
    "of finding it in another (sources that share engines or search terms are positively "
    "dependent, which makes the estimate too low)",
    "every organisation has the same chance of being found by a source (visible, "
    "well-indexed organisations are found more often, which also makes the estimate too low; "
    "Chao's estimator is a lower bound under such heterogeneity)",
    "organisations are matched correctly between sources, and every source applies the same "
    "inclusion criteria and the same host",
)


@dataclass(frozen=True)
class CompletenessEstimate:
    method: str
    sources: tuple[str, ...]
    found_by_source: Mapping[str, int]
    observed: int
    found_by_k: Mapping[int, int]  # k -> organisations found by exactly k sources
    estimate: float | None
    variance: float | None
    interval: tuple[float, float] | None
    confidence: float
    explanation: str
    assumptions: tuple[str, ...] = field(default=ASSUMPTIONS)

    @property
    def completeness(self) -> float | None:
        """Share of the estimated total that the sources found (observed / estimate)."""
        if self.estimate is None or self.estimate <= 0:
            return None
        return self.observed / self.estimate

    def as_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "sources": list(self.sources),
            "found_by_source": dict(self.found_by_source),
            "observed": self.observed,
            "found_by_k": {str(k): v for k, v in sorted(self.found_by_k.items())},
            "estimate": self.estimate,
            "variance": self.variance,
            "interval": list(self.interval) if self.interval else None,
            "confidence": self.confidence,
            "completeness": self.completeness,
            "explanation": self.explanation,
            "assumptions": list(self.assumptions),
        }


def estimate_total(
    incidence: Mapping[str, Iterable[str]], confidence: float = 0.95
) -> CompletenessEstimate:
    """Estimate how many organisations exist from which ones each source found."""
    if not 0 < confidence < 1:
        raise UsageError(f"confidence must be between 0 and 1, not {confidence}")
    found = {source: frozenset(ids) for source, ids in incidence.items()}
    sources = tuple(sorted(found))
    seen = Counter(org for ids in found.values() for org in ids)
    base: dict[str, Any] = {
        "sources": sources,
        "found_by_source": {s: len(found[s]) for s in sources},
        "observed": len(seen),
        "found_by_k": dict(Counter(seen.values())),
        "confidence": confidence,
    }
    if len(sources) < 2:
        return CompletenessEstimate(
            method=NONE,
            estimate=None,
            variance=None,
            interval=None,
            explanation=(
                f"{len(sources)} source: capture–recapture needs two or more independent "
                "sources that searched the same host"
            ),
            **base,
        )
    if len(sources) == 2:
        return _chapman(found[sources[0]], found[sources[1]], base)
    return _chao(len(sources), base)


def _chapman(
    first: frozenset[str], second: frozenset[str], base: dict[str, Any]
) -> CompletenessEstimate:
    n1, n2, m = len(first), len(second), len(first & second)
    estimate = (n1 + 1) * (n2 + 1) / (m + 1) - 1
    variance = (n1 + 1) * (n2 + 1) * (n1 - m) * (n2 - m) / ((m + 1) ** 2 * (m + 2))
    interval = log_normal_interval(base["observed"], estimate, variance, base["confidence"])
    return CompletenessEstimate(
        method=CHAPMAN,
        estimate=estimate,
        variance=variance,
        interval=interval,
        explanation=(
            f"Chapman: ({n1}+1)({n2}+1)/({m}+1) - 1 = {estimate:.1f}, from {n1} and {n2} "
            f"organisations found, {m} by both; Seber's variance, Chao's log-normal interval"
            + (
                "; no organisation was found by both, so the estimate is very uncertain"
                if m == 0
                else ""
            )
        ),
        **base,
    )


def _chao(t: int, base: dict[str, Any]) -> CompletenessEstimate:
    """Chao's bias-corrected lower bound for t incidence samples (Chao 1987; Chao et al. 2005)."""
    observed = base["observed"]
    f1, f2 = base["found_by_k"].get(1, 0), base["found_by_k"].get(2, 0)
    a = (t - 1) / t
    estimate = observed + a * f1 * (f1 - 1) / (2 * (f2 + 1))
    variance = chao_variance(f1, f2, a, estimate)
    interval = log_normal_interval(observed, estimate, variance, base["confidence"])
    return CompletenessEstimate(
        method=CHAO_LOWER_BOUND,
        estimate=estimate,
        variance=variance,
        interval=interval,
        explanation=(
            f"Chao's lower bound for {t} sources: {observed} + ({t}-1)/{t} x {f1}({f1}-1)/"
            f"(2({f2}+1)) = {estimate:.1f}, from {f1} organisations found by one source only "
            f"and {f2} by exactly two; a lower bound when some organisations are easier to find"
        ),
        **base,
    )


def chao_variance(f1: int, f2: int, a: float, estimate: float) -> float:
    """Variance of the bias-corrected Chao estimator (EstimateS; Chao 1987), ``a`` = (t-1)/t."""
    if f1 == 0:
        return 0.0
    if f2 > 0:
        return (
            a * f1 * (f1 - 1) / (2 * (f2 + 1))
            + a**2 * f1 * (2 * f1 - 1) ** 2 / (4 * (f2 + 1) ** 2)
            + a**2 * f1**2 * f2 * (f1 - 1) ** 2 / (4 * (f2 + 1) ** 4)
        )
    return a * f1 * (f1 - 1) / 2 + a**2 * f1 * (2 * f1 - 1) ** 2 / 4 - a**2 * f1**4 / (4 * estimate)


def log_normal_interval(
    observed: int, estimate: float, variance: float, confidence: float
) -> tuple[float, float]:
    """Chao's (1987) interval: log-normal on the number never found; never below ``observed``."""
    unseen = estimate - observed
    if unseen <= 0 or variance <= 0:
        return (float(observed), max(float(observed), estimate))
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    c = math.exp(z * math.sqrt(math.log(1 + variance / unseen**2)))
    return (observed + unseen / c, observed + unseen * c)


def estimate_by_host(
    incidence: Mapping[str, Iterable[str]],
    host_of: Mapping[str, str],
    hosts_searched: Mapping[str, Iterable[str]] | None = None,
    confidence: float = 0.95,
) -> dict[str, CompletenessEstimate]:
    """One estimate per host: each source's organisations split by the host they are in.

    ``hosts_searched`` (source -> hosts) says which hosts each source searched, so that a
    source that searched a host and found nothing there still counts, with an empty set; by
    default a source counts only in the hosts where it found something.
    """
    by_host: dict[str, dict[str, set[str]]] = {}
    for source, hosts in (hosts_searched or {}).items():
        for host in hosts:
            by_host.setdefault(host, {}).setdefault(source, set())
    for source, ids in incidence.items():
        for org in ids:
            where = host_of.get(org, "")
            if not where:
                raise UsageError(f"organisation {org!r} found by {source!r} has no host")
            by_host.setdefault(where, {}).setdefault(source, set()).add(org)
    return {host: estimate_total(found, confidence) for host, found in sorted(by_host.items())}
