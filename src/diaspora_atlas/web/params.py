"""Every query parameter the site reads, with its rule, in one place.

Pages, their JSON twins and the /api/ routes read parameters only through these rules, so
one input gets one answer everywhere: a value outside its rule is a 400 ``invalid_parameter``
naming the parameter and what it accepts. The same rules describe the API's parameters in
/api/openapi.json (``Rule.openapi``).

Limits that bound the work of one request: the raw query string is at most
``MAX_QUERY_STRING`` bytes; a list parameter (a facet) takes at most ``MAX_VALUES`` values,
repeated or comma-separated, duplicates included; texts have a length limit. Numbers are
ASCII digits only (``²`` and ``٣`` pass ``str.isdigit()`` but are not numbers here). Values
are taken as given (no spaces trimmed, except around a search text); an empty value, as a
form sends it, means the default. Parameters no route reads are ignored (they never change
an answer, nor its cache key).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from diaspora_atlas.web.problems import Problem

MAX_QUERY_STRING = 4096
MAX_VALUES = 20
_NUMBER = re.compile(r"[0-9]{1,6}")


class QueryParams:
    """The parts of a QueryDict we read (Django's QueryDict and plain dicts both fit)."""

    def __init__(self, getlist: Mapping[str, Sequence[str]]) -> None:
        self._data = getlist

    def get(self, key: str, default: str = "") -> str:
        values = self._data.get(key) or []
        return values[-1] if values else default

    def getlist(self, key: str) -> list[str]:
        return list(self._data.get(key) or [])


def request_params(request: HttpRequest) -> QueryParams:
    """The request's query parameters, once its query string is known to be within bounds."""
    check_query_string(request.META.get("QUERY_STRING", ""))
    return QueryParams({k: request.GET.getlist(k) for k in request.GET})


def invalid(message: str) -> Problem:
    return Problem(400, message, "invalid_parameter")


def check_query_string(raw: str) -> None:
    """Refuse a query string too long to be a selection anyone made (bounds the work)."""
    if len(raw.encode("utf-8", "surrogatepass")) > MAX_QUERY_STRING:
        raise invalid(f"the query string is too long ({MAX_QUERY_STRING} bytes at most)")


@dataclass(frozen=True)
class Rule:
    """One parameter: its kind (text, number, choice or list), limits and vocabulary.

    ``vocabulary`` is read lazily (reference data); ``upper`` compares codes in upper case.
    """

    name: str
    kind: str
    description: str
    max_length: int = 200
    low: int = 0
    high: int = 0
    vocabulary: Callable[[], Sequence[str]] | None = None
    upper: bool = False
    required: bool = False
    # Maps a value outside the vocabulary to one in it ("UK" -> "GBR"), or raises Problem.
    resolve: Callable[[str], str] | None = None

    def allowed(self) -> Sequence[str]:
        return self.vocabulary() if self.vocabulary else ()

    def openapi(self) -> dict[str, Any]:
        """The parameter as an OpenAPI 3 query parameter (what the rule accepts)."""
        schema: dict[str, Any]
        if self.kind == "number":
            allowed = [int(v) for v in self.allowed()]
            schema = {"type": "integer"}
            schema.update({"enum": allowed} if allowed else {"minimum": self.low})
            if not allowed:
                schema["maximum"] = self.high
        elif self.kind == "text":
            schema = {"type": "string", "maxLength": self.max_length}
            if self.required:
                schema.update({"minLength": 1, "pattern": r"\S"})
        else:
            item = {"type": "string", "enum": list(self.allowed())}
            schema = item if self.kind == "choice" else {}
            if self.kind == "list":
                schema = {"type": "array", "items": item, "maxItems": MAX_VALUES}
        found: dict[str, Any] = {
            "in": "query",
            "name": self.name,
            "required": self.required,
            "description": self.description,
            "schema": schema,
        }
        if self.kind == "list":
            found.update({"style": "form", "explode": True})
        if not self.required:
            found["allowEmptyValue"] = True  # an empty field (as a form sends it) is no value
        return found


def text(params: QueryParams, rule: Rule) -> str:
    raw = params.get(rule.name)
    if len(raw) > rule.max_length:
        raise invalid(f"{rule.name} is too long ({rule.max_length} characters at most)")
    value = raw.strip()
    if rule.required and not value:
        raise invalid(f"{rule.name} must be 1 to {rule.max_length} characters")
    return value


def number(params: QueryParams, rule: Rule, default: int) -> int:
    """A whole number in ASCII digits within the rule's range (or vocabulary); empty: default."""
    raw = params.get(rule.name)
    if raw == "":
        return default
    allowed = rule.allowed()
    low, high = (int(allowed[0]), int(allowed[-1])) if allowed else (rule.low, rule.high)
    if not _NUMBER.fullmatch(raw) or not low <= int(raw) <= high:
        raise invalid(f"{rule.name} must be a whole number from {low} to {high}, not {raw[:40]!r}")
    if allowed and str(int(raw)) not in allowed:
        raise invalid(f"{rule.name} {int(raw)} is not one of the known values")
    return int(raw)


def _member(rule: Rule, raw: str) -> str:
    value = raw.upper() if rule.upper else raw
    allowed = rule.allowed()
    if value in allowed:
        return value
    if rule.resolve is not None and raw == raw.strip():  # values are taken as given
        return rule.resolve(raw)
    if value not in allowed:
        shown = (
            ", ".join(allowed) if len(allowed) <= 12 else f"{len(allowed)} codes, e.g. {allowed[0]}"
        )
        raise invalid(f"{rule.name} must be one of {shown}, not {raw[:40]!r}")
    return value


def choice(params: QueryParams, rule: Rule, default: str = "") -> str:
    """One value of the rule's vocabulary, exactly (no spaces); empty or absent: ``default``."""
    raw = params.get(rule.name)
    return _member(rule, raw) if raw else default


def values(params: QueryParams, rule: Rule) -> tuple[str, ...]:
    """Values of a list parameter (repeated or comma-separated), each in the vocabulary."""
    pieces = [p for raw in params.getlist(rule.name) for p in raw.split(",") if p]
    if len(pieces) > MAX_VALUES:
        raise invalid(f"{rule.name} takes at most {MAX_VALUES} values, not {len(pieces)}")
    return tuple(dict.fromkeys(_member(rule, p) for p in pieces))
