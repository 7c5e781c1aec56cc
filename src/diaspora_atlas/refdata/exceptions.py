"""Errors specific to the reference data (the root classes live in diaspora_atlas.errors)."""

from __future__ import annotations

from collections.abc import Sequence

from diaspora_atlas.errors import AtlasError, UnknownCountryError


class AmbiguousCountryError(UnknownCountryError):
    """A name that several countries answer to, such as "Punjab" (India and Pakistan).

    A subclass of UnknownCountryError, so code that only cares whether a name resolved to
    one country can catch that; ``candidates`` holds the ISO3 codes it could mean.
    """

    def __init__(self, name: str, candidates: Sequence[tuple[str, str]]) -> None:
        self.name = name
        self.candidates = tuple(iso3 for iso3, _ in candidates)
        self.suggestions = [label for _, label in candidates]
        listed = ", ".join(f"{label} ({iso3})" for iso3, label in candidates)
        AtlasError.__init__(
            self,
            f"ambiguous country name {name!r}: it can mean {listed}",
            "use the country's own name or its ISO 3166 code",
        )


class UnknownFiscalYearError(AtlasError):
    """A World Bank fiscal year outside the bundled income classification."""

    def __init__(self, fiscal_year: int, available: Sequence[int]) -> None:
        self.fiscal_year = fiscal_year
        span = f"FY{available[0]}-FY{available[-1]}" if available else "none"
        super().__init__(
            f"no World Bank income classification for fiscal year {fiscal_year}",
            f"available fiscal years: {span} (FY2019 = the classification made in July 2018)",
        )
