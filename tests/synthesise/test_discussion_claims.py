"""The bundled Discussion claims evaluated on the hand-labelled gold set."""

from __future__ import annotations

from diaspora_atlas.refdata import lmic_iso3s
from diaspora_atlas.refdata.workforce import doctor_densities
from diaspora_atlas.report.discussion import Context, OrgFocus, evaluate, load_claims
from diaspora_atlas.report.verdicts import NOT_REPRODUCED, NOT_REPRODUCIBLE, REPRODUCED

from .gold import contexts, gold


def test_bundled_claims_on_the_gold_labels() -> None:
    labelled, where = gold(), contexts()
    orgs = tuple(
        OrgFocus(
            str(row), str(row), c.host_iso3, c.origin_iso3,
            tuple(sorted(labelled[row].labels)) if row in labelled else None, row,
        )
        for row, c in where.items()
    )  # fmt: skip
    densities = {k: v.per10000 for k, v in doctor_densities().items()}
    result = {
        v.claim["id"]: v
        for v in evaluate(load_claims(), Context(orgs, lmic_iso3s(2019), densities))
    }
    assert len(result) == 12
    common = result["common_attribute_home_country"]
    assert common.verdict == NOT_REPRODUCED and common.counts == {
        "with": 47,
        "judged": 65,
        "no_text": 24,
    }
    assert result["africa_first_focus"].verdict == REPRODUCED
    assert result["no_south_african_botswanan_namibian"].verdict == REPRODUCED
    assert result["third_focus_examples"].verdict == NOT_REPRODUCED
    assert result["third_focus_long_standing"].verdict == NOT_REPRODUCIBLE
    for v in result.values():
        assert v.as_dict()["quote"] and v.as_dict()["location"]
