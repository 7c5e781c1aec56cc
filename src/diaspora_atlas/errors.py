"""One root exception for every error a user can meet, each with a message saying what to do."""

from __future__ import annotations


class AtlasError(Exception):
    """Root of every error the Atlas reports to a user as one line."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(self.one_line())

    def one_line(self) -> str:
        return f"{self.message} — {self.hint}" if self.hint else self.message


class UnknownCountryError(AtlasError):
    """A country name that no alias table knows."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        closest = ", ".join(repr(s) for s in suggestions) if suggestions else "none close"
        super().__init__(
            f"unknown country name {name!r}",
            f"closest known names: {closest}; add a spelling to data/refdata/country_aliases.csv",
        )


class DataFileError(AtlasError):
    """A bundled or user-supplied data file that is missing, corrupted or malformed."""


class StoreError(AtlasError):
    """The database cannot be opened, migrated or written."""


class UsageError(AtlasError):
    """A command was called with arguments that cannot work."""

    exit_code = 2
