"""The Discussion's claims about focuses and countries without organisations, with verdicts.

Claims live in data/sources/frehywot2019/discussion_claims.yaml; each gets a verdict in the
vocabulary of report.claims, the counts behind it and the organisations it rests on.
Organisations with no text to judge (``focuses is None``) are counted apart, never as "no".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

import yaml

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.refdata import country, data_dir
from diaspora_atlas.report.verdicts import NOT_REPRODUCED, NOT_REPRODUCIBLE, REPRODUCED, Verdict

CLAIMS_FILE = Path("sources") / "frehywot2019" / "discussion_claims.yaml"


@dataclass(frozen=True)
class OrgFocus:
    """What the evaluator needs of one organisation."""

    id: str
    name: str
    host_iso3: str
    origin_iso3: tuple[str, ...]
    focuses: tuple[str, ...] | None  # None: no text to judge
    paper_row: int | None = None
    roles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # role -> evidence texts


@dataclass(frozen=True)
class Context:
    organisations: tuple[OrgFocus, ...]
    lmics: frozenset[str]
    densities: Mapping[str, float]  # ISO3 -> doctors per 10,000 (WHO)


@dataclass(frozen=True)
class DiscussionVerdict(Verdict):
    counts: Mapping[str, Any] = field(default_factory=dict)
    organisations: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.claim["id"],
            "location": self.claim["location"],
            "quote": self.claim["quote"],
            "reading": self.claim.get("reading", ""),
            "computed_value": self.computed,
            "verdict": self.verdict,
            "explanation": self.explanation,
            "counts": dict(self.counts),
            "organisations": list(self.organisations),
        }


def load_claims(path: Path | None = None) -> list[dict[str, Any]]:
    where = path or data_dir() / CLAIMS_FILE
    try:
        claims = yaml.safe_load(where.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"cannot read the discussion claims {where} ({exc})") from exc
    if not isinstance(claims, list) or not all(isinstance(c, dict) for c in claims):
        raise DataFileError(f"{where} must be a list of claims")
    return claims


def evaluate(claims: Sequence[dict[str, Any]], ctx: Context) -> list[DiscussionVerdict]:
    out = []
    for claim in claims:
        evaluator = EVALUATORS.get(claim["metric"])
        if evaluator is None:
            raise DataFileError(
                f"claim {claim.get('id')!r} has an unknown metric {claim['metric']!r}"
            )
        out.append(evaluator(claim, ctx))
    return out


def _verdict(
    claim: dict[str, Any], computed: Any, ok: bool | None, why: str,
    counts: Mapping[str, Any], orgs: Sequence[str] = (),
) -> DiscussionVerdict:  # fmt: skip
    verdict = NOT_REPRODUCIBLE if ok is None else REPRODUCED if ok else NOT_REPRODUCED
    return DiscussionVerdict(claim, computed, verdict, why, counts, tuple(orgs))


def _test(value: float, test: Mapping[str, float]) -> bool:
    checks = {
        "at_least": lambda lim: value >= lim,
        "more_than": lambda lim: value > lim,
        "at_most": lambda lim: value <= lim,
    }
    return all(checks[k](float(v)) for k, v in test.items())


def _from(org: OrgFocus, claim: Mapping[str, Any]) -> bool:
    regions, subregions = claim.get("origin_regions"), claim.get("subregions")
    origins, host = claim.get("origins"), claim.get("host")
    if host and org.host_iso3 != host:
        return False
    if origins is not None and not set(org.origin_iso3) & set(origins):
        return False
    if regions and not any(country(o).un_region in regions for o in org.origin_iso3):
        return False
    return not subregions or any(country(o).un_subregion in subregions for o in org.origin_iso3)


def _judged(orgs: Sequence[OrgFocus]) -> tuple[list[OrgFocus], list[OrgFocus]]:
    return [o for o in orgs if o.focuses is not None], [o for o in orgs if o.focuses is None]


def _share(
    claim: dict[str, Any], ctx: Context, has: Callable[[OrgFocus], bool]
) -> DiscussionVerdict:
    group = [o for o in ctx.organisations if _from(o, claim)]
    judged, unjudged = _judged(group)
    yes = [o for o in judged if has(o)]
    counts = {"with": len(yes), "judged": len(judged), "no_text": len(unjudged)}
    if not judged:
        return _verdict(
            claim, None, None, "no organisation of the group has a text to judge", counts
        )
    share = len(yes) / len(judged)
    what = claim.get("focus", "at least one focus")
    why = (
        f"{len(yes)} of the {len(judged)} organisations with a text to judge have {what} "
        f"({share:.0%}); {len(unjudged)} more have no text to judge"
    )
    ok = _test(share, claim["test"])
    return _verdict(claim, round(share, 3), ok, why, counts, [o.id for o in yes])


def _focus_share(claim: dict[str, Any], ctx: Context) -> DiscussionVerdict:
    return _share(claim, ctx, lambda o: claim["focus"] in (o.focuses or ()))


def _any_share(claim: dict[str, Any], ctx: Context) -> DiscussionVerdict:
    return _share(claim, ctx, lambda o: bool(o.focuses))


def _groups(claim: dict[str, Any], ctx: Context) -> DiscussionVerdict:
    focus = claim["focus"]
    parts: list[str] = []
    counts: dict[str, Any] = {}
    rest: list[str] = []
    verdicts: list[bool | None] = []
    for group in claim["groups"]:
        members = [o for o in ctx.organisations if _from(o, group)]
        judged, unjudged = _judged(members)
        yes = [o for o in judged if focus in (o.focuses or ())]
        counts[group["label"]] = {"with": len(yes), "judged": len(judged), "no_text": len(unjudged)}
        rest.extend(o.id for o in yes)
        if yes:
            verdicts.append(True)
            parts.append(f"{group['label']}: {', '.join(o.name for o in yes)}")
        elif judged:
            verdicts.append(False)
            parts.append(f"{group['label']}: none of its {len(judged)} organisations with a text")
        else:
            verdicts.append(None)
            parts.append(
                f"{group['label']}: {len(unjudged)} organisation(s), none with a text to judge"
            )
    ok = False if False in verdicts else None if None in verdicts else True
    why = f"organisations with {focus} — " + "; ".join(parts)
    return _verdict(claim, counts, ok, why, counts, rest)


def _regions(claim: dict[str, Any], ctx: Context) -> DiscussionVerdict:
    yes = [o for o in ctx.organisations if claim["focus"] in (o.focuses or ())]
    regions = sorted({country(c).un_region for o in yes for c in o.origin_iso3})
    counts = {
        r: sum(1 for o in yes if any(country(c).un_region == r for c in o.origin_iso3))
        for r in regions
    }
    why = f"organisations with {claim['focus']} come from {len(regions)} regions: " + ", ".join(
        f"{r} ({n})" for r, n in counts.items()
    )
    return _verdict(
        claim, regions, _test(len(regions), claim["test"]), why, counts, [o.id for o in yes]
    )


def _density(claim: dict[str, Any], ctx: Context) -> DiscussionVerdict:
    judged, _ = _judged(ctx.organisations)

    def densities(orgs: list[OrgFocus]) -> list[float]:
        return [ctx.densities[c] for o in orgs for c in o.origin_iso3 if c in ctx.densities]

    yes = [o for o in judged if claim["focus"] in (o.focuses or ())]
    no = [o for o in judged if claim["focus"] not in (o.focuses or ())]
    with_, without = densities(yes), densities(no)
    if not with_ or not without:
        return _verdict(claim, None, None, "no figures on one side of the comparison", {})
    m_with, m_without = median(with_), median(without)
    counts = {
        "median_with": m_with,
        "n_with": len(with_),
        "median_without": m_without,
        "n_without": len(without),
    }
    why = (
        f"median doctors per 10,000 at home (WHO, latest year): {m_with:.1f} for the {len(with_)} "
        f"organisations with {claim['focus']}, {m_without:.1f} for the {len(without)} without"
    )
    return _verdict(claim, counts, m_with < m_without, why, counts, [o.id for o in yes])


def _not_testable(claim: dict[str, Any], ctx: Context) -> DiscussionVerdict:
    return _verdict(claim, None, None, claim["reason"], {})


def _without(claim: dict[str, Any], ctx: Context) -> DiscussionVerdict:
    found = {c: [o for o in ctx.organisations if c in o.origin_iso3] for c in claim["countries"]}
    counts: dict[str, Any] = {c: len(v) for c, v in found.items()}
    with_orgs = [c for c, v in found.items() if v]
    ok = not with_orgs
    parts = [
        f"no organisation comes from {', '.join(country(c).name for c in claim['countries'])}"
        if ok
        else f"organisations come from {', '.join(country(c).name for c in with_orgs)}"
    ]
    if claim.get("most_of_subregions"):
        pool = sorted(
            c for c in ctx.lmics if country(c).un_subregion in claim["most_of_subregions"]
        )
        none = [c for c in pool if not any(c in o.origin_iso3 for o in ctx.organisations)]
        counts["subregion_lmics"], counts["subregion_lmics_without"] = len(pool), len(none)
        ok = ok and len(none) > len(pool) / 2
        parts.append(
            f"{len(none)} of the {len(pool)} LMICs of {', '.join(claim['most_of_subregions'])} have none"
        )
    orgs = [o.id for v in found.values() for o in v]
    return _verdict(claim, counts, ok, "; ".join(parts), counts, orgs)


def _with_role(claim: dict[str, Any], ctx: Context) -> list[OrgFocus]:
    pattern = re.compile(claim["evidence_pattern"], re.IGNORECASE)
    return [
        o for o in ctx.organisations
        if any(pattern.search(text) for text in o.roles.get(claim["role"], ()))
    ]  # fmt: skip


def _handful(claim: dict[str, Any], ctx: Context) -> DiscussionVerdict:
    orgs = _with_role(claim, ctx)
    why = (
        f"{len(orgs)} organisations have a sourced {claim['role']} role whose evidence matches "
        f"'{claim['evidence_pattern']}': {', '.join(o.name for o in orgs)}"
    )
    return _verdict(
        claim,
        len(orgs),
        _test(len(orgs), claim["test"]),
        why,
        {"organisations": len(orgs)},
        [o.id for o in orgs],
    )


def _named(claim: dict[str, Any], ctx: Context) -> DiscussionVerdict:
    named = set(claim["paper_rows"])
    orgs = [o for o in _with_role(claim, ctx) if o.paper_row in named]
    ok = bool(orgs)
    why = f"{', '.join(o.name for o in orgs) or 'no named organisation'} has a sourced {claim['role']} role matching '{claim['evidence_pattern']}'"
    return _verdict(
        claim, [o.id for o in orgs], ok, why, {"organisations": len(orgs)}, [o.id for o in orgs]
    )


EVALUATORS: dict[str, Callable[[dict[str, Any], Context], DiscussionVerdict]] = {
    "focus.share": _focus_share,
    "focus.share_any": _any_share,
    "focus.groups": _groups,
    "focus.regions": _regions,
    "focus.density_contrast": _density,
    "not_testable": _not_testable,
    "countries.without_organisation": _without,
    "roles.handful": _handful,
    "roles.named": _named,
}
