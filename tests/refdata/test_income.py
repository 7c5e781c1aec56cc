"""World Bank income groups (OGHIST.xlsx) as bundled; values checked against the file."""

from __future__ import annotations

import pytest

from diaspora_atlas.errors import UnknownCountryError
from diaspora_atlas.refdata import (
    IncomeGroup,
    UnknownFiscalYearError,
    fiscal_years,
    income_group,
    income_history,
    lmic_iso3s,
    thresholds,
)

L, LM, UM, H = IncomeGroup.LOW, IncomeGroup.LOWER_MIDDLE, IncomeGroup.UPPER_MIDDLE, IncomeGroup.HIGH


@pytest.mark.parametrize(
    ("iso3", "fiscal_year", "group"),
    [
        ("IND", 2019, LM),
        ("ROU", 2019, UM),
        ("ROU", 2020, UM),  # high income only from FY2021 (then UM again in FY2022)
        ("ROU", 2021, H),
        ("ROU", 2022, UM),
        ("ARG", 2018, UM),
        ("ARG", 2019, H),
        ("RUS", 2019, UM),
        ("XKX", 2019, LM),
        ("XKX", 2020, UM),
        ("SYR", 2019, L),
        ("TWN", 2019, H),
        ("AFG", 1989, L),
        ("YEM", 1989, LM),  # "LM*" in OGHIST: the two Yemens combined
        ("ETH", 2026, L),  # CLASS_FY2026 lists Ethiopia as unclassified; OGHIST says L
    ],
)
def test_income_group_facts(iso3: str, fiscal_year: int, group: IncomeGroup) -> None:
    assert income_group(iso3, fiscal_year) is group


def test_unclassified_years_are_none() -> None:
    assert income_group("VEN", 2021) is UM
    assert income_group("VEN", 2022) is None  # unclassified since FY22
    assert income_group("ALB", 1989) is None  # ".." in OGHIST
    assert income_group("ATA", 2019) is None
    assert income_history("ATA") == {}


def test_lmic_counts_per_fiscal_year_match_the_file() -> None:
    # Counted in OGHIST.xlsx "Country Analytical History" (cells L, LM, UM; "LM*" as LM).
    assert {fy: len(lmic_iso3s(fy)) for fy in range(2017, 2021)} == {
        2017: 139,
        2018: 140,
        2019: 137,
        2020: 138,
    }
    assert "IND" in lmic_iso3s(2019) and "ROU" in lmic_iso3s(2020)
    assert "ROU" not in lmic_iso3s(2021) and "TWN" not in lmic_iso3s(2019)


def test_fiscal_years_and_errors() -> None:
    assert fiscal_years() == tuple(range(1989, 2027))
    with pytest.raises(UnknownFiscalYearError):
        income_group("IND", 1988)
    with pytest.raises(UnknownFiscalYearError):
        lmic_iso3s(2030)
    with pytest.raises(UnknownCountryError):
        income_group("XXX", 2019)


def test_thresholds() -> None:
    fy2019 = thresholds(2019)
    assert (fy2019.data_year, fy2019.low_max, fy2019.lower_middle_max) == (2017, 995, 3895)
    assert fy2019.upper_middle_max == 12055
    assert thresholds(2026).upper_middle_max == 13935
    assert fy2019.classify(995) is L and fy2019.classify(996) is LM
    assert fy2019.classify(12055) is UM and fy2019.classify(12056) is H
    with pytest.raises(UnknownFiscalYearError):
        thresholds(1970)


def test_labels() -> None:
    assert [g.label for g in IncomeGroup] == [
        "Low income",
        "Lower middle income",
        "Upper middle income",
        "High income",
    ]
    assert IncomeGroup("LM") is LM and str(LM) == "LM"
    assert LM.is_lmic and not H.is_lmic
