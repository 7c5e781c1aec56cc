"""World Bank income groups by fiscal year (OGHIST) and the GNI thresholds behind them.

The World Bank's fiscal year N runs from July N-1 to June N: FY2019 is the classification
made on 1 July 2018 from GNI per capita of calendar year 2017.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from types import MappingProxyType

from diaspora_atlas.refdata.countries import country
from diaspora_atlas.refdata.exceptions import UnknownFiscalYearError
from diaspora_atlas.refdata.tables import data_error, parse_rows, require, table_path

GROUPS_FILE = "income_groups.csv"
THRESHOLDS_FILE = "income_thresholds.csv"


class IncomeGroup(StrEnum):
    LOW = "L"
    LOWER_MIDDLE = "LM"
    UPPER_MIDDLE = "UM"
    HIGH = "H"

    @property
    def label(self) -> str:
        """The World Bank's words: "Low income", "Lower middle income", ..."""
        return _LABELS[self]

    @property
    def is_lmic(self) -> bool:
        """True for low and middle income (L, LM, UM)."""
        return self is not IncomeGroup.HIGH


_LABELS = {
    IncomeGroup.LOW: "Low income",
    IncomeGroup.LOWER_MIDDLE: "Lower middle income",
    IncomeGroup.UPPER_MIDDLE: "Upper middle income",
    IncomeGroup.HIGH: "High income",
}


@dataclass(frozen=True)
class IncomeThresholds:
    """GNI per capita thresholds (US$, Atlas method) of one fiscal year's classification."""

    fiscal_year: int
    data_year: int  # the calendar year whose GNI was classified
    low_max: int
    lower_middle_max: int
    upper_middle_max: int

    def classify(self, gni_per_capita: float) -> IncomeGroup:
        """The group a GNI per capita falls in under these thresholds."""
        if gni_per_capita <= self.low_max:
            return IncomeGroup.LOW
        if gni_per_capita <= self.lower_middle_max:
            return IncomeGroup.LOWER_MIDDLE
        if gni_per_capita <= self.upper_middle_max:
            return IncomeGroup.UPPER_MIDDLE
        return IncomeGroup.HIGH


def _parse_group(row: dict[str, str]) -> tuple[str, int, IncomeGroup]:
    require(len(row["iso3"]) == 3, f"bad iso3 {row['iso3']!r}")
    return row["iso3"], int(row["fiscal_year"]), IncomeGroup(row["income_group"])


@cache
def _groups() -> Mapping[str, Mapping[int, IncomeGroup]]:
    history: dict[str, dict[int, IncomeGroup]] = defaultdict(dict)
    columns = ("iso3", "fiscal_year", "income_group")
    for iso3, fiscal_year, group in parse_rows(GROUPS_FILE, columns, _parse_group):
        if fiscal_year in history[iso3]:
            raise data_error(
                table_path(GROUPS_FILE), f"is corrupted: {iso3} FY{fiscal_year} appears twice"
            )
        history[iso3][fiscal_year] = group
    return MappingProxyType({k: MappingProxyType(v) for k, v in history.items()})


def _parse_thresholds(row: dict[str, str]) -> IncomeThresholds:
    item = IncomeThresholds(*(int(row[c]) for c in _THRESHOLD_COLUMNS))
    require(
        0 < item.low_max < item.lower_middle_max < item.upper_middle_max,
        f"FY{item.fiscal_year} thresholds are not increasing",
    )
    return item


_THRESHOLD_COLUMNS = (
    "fiscal_year",
    "data_year",
    "low_max",
    "lower_middle_max",
    "upper_middle_max",
)


@cache
def _thresholds() -> Mapping[int, IncomeThresholds]:
    items = parse_rows(THRESHOLDS_FILE, _THRESHOLD_COLUMNS, _parse_thresholds)
    return MappingProxyType({t.fiscal_year: t for t in items})


@cache
def fiscal_years() -> tuple[int, ...]:
    """The fiscal years with a classification, ascending."""
    return tuple(sorted({fy for history in _groups().values() for fy in history}))


def _check_year(fiscal_year: int) -> None:
    if fiscal_year not in fiscal_years():
        raise UnknownFiscalYearError(fiscal_year, fiscal_years())


def income_history(iso3: str) -> Mapping[int, IncomeGroup]:
    """Fiscal year -> group for one economy (empty if never classified, e.g. Antarctica)."""
    code = country(iso3).iso3
    return _groups().get(code, MappingProxyType({}))


def income_group(iso3: str, fiscal_year: int) -> IncomeGroup | None:
    """The group in that fiscal year, or None if the World Bank did not classify it then."""
    _check_year(fiscal_year)
    return income_history(iso3).get(fiscal_year)


@cache
def lmic_iso3s(fiscal_year: int) -> frozenset[str]:
    """Economies classified low, lower-middle or upper-middle income in that fiscal year."""
    _check_year(fiscal_year)
    return frozenset(
        iso3
        for iso3, history in _groups().items()
        if fiscal_year in history and history[fiscal_year].is_lmic
    )


def thresholds(fiscal_year: int) -> IncomeThresholds:
    """The GNI per capita thresholds of that fiscal year's classification."""
    found = _thresholds().get(fiscal_year)
    if found is None:
        raise UnknownFiscalYearError(fiscal_year, sorted(_thresholds()))
    return found
