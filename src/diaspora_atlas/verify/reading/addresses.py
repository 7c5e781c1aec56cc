"""Postal addresses parsed into street, city, region, postcode and country, as printed.

US addresses are found by their state and ZIP code and parsed with ``usaddress`` (a
maintained CRF parser); UK, Canadian and Australian ones by their postcode formats, split on
the commas and full stops they are printed with; an address without a street by a
"headquarters in <city>" phrase. Country is given only when the page prints it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from diaspora_atlas.verify.reading.names import ORG_WORDS
from diaspora_atlas.verify.rules import rows

US_END = re.compile(r"\b[A-Z]{2}\.?,?\s+\d{5}(?:-\d{4})?\b")
POSTCODES = (
    re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"),  # UK
    re.compile(r"\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b"),  # Canada
    re.compile(r"\b(?:NSW|VIC|QLD|SA|WA|TAS|NT|ACT)\s+\d{4}\b"),  # Australia
)
STREET_START = re.compile(r"\b(?:\d{1,6}[A-Za-z]?\s+(?=[A-Z0-9])|P\.?\s?O\.?\s+Box\b|No\.\s?\d)")
SENTENCE_END = re.compile(r"(?<![A-Z])\.\s+(?=[A-Z0-9])")
PARTS = re.compile(r"\s*(?:,|\.(?=\s)|\n)\s*")
HEADQUARTERS = re.compile(
    r"[Hh]eadqua(?:r)?ters?\s*(?:(?:is|are)\s+)?(?:currently\s+)?(?:(?:located|based)\s+)?(?:in\s+|:\s*)?"
    r"(?P<city>[A-Z][a-z]+(?:\s[A-Z][a-z]+)*)(?:,\s*(?P<region>[A-Z][a-z]+(?:\s[A-Z][a-z]+)*))?"
)
# "Burmese Medical Association Australia (Sydney)": a city in brackets after the name
PLACE_AFTER_NAME = re.compile(
    rf"\b(?:{ORG_WORDS})(?:\s+[A-Z][a-z]+)*\s+\((?P<city>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\)"
)
COUNTRIES = (
    "UK",
    "U.K.",
    "United Kingdom",
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
    "USA",
    "U.S.A.",
    "United States",
    "Canada",
    "Australia",
    "Ireland",
)
STREET_LABELS = (
    "AddressNumber",
    "StreetNamePreDirectional",
    "StreetNamePreType",
    "StreetName",
    "StreetNamePostType",
    "StreetNamePostDirectional",
    "OccupancyType",
    "OccupancyIdentifier",
    "USPSBoxType",
    "USPSBoxID",
    "BuildingName",
    "SubaddressType",
    "SubaddressIdentifier",
)


@dataclass(frozen=True)
class Address:
    street: str | None
    city: str | None
    region: str | None
    postcode: str | None
    country: str | None
    excerpt: str


@cache
def counties() -> frozenset[str]:
    return frozenset(r["county"] for r in rows("uk_counties.csv"))


def _chunk(lines: Sequence[str], index: int, end: int) -> str:
    """The address text ending at ``end`` of line ``index``: from the last sentence break,
    with the line before when the street is printed on it."""
    text = lines[index][:end]
    breaks = [m.end() for m in SENTENCE_END.finditer(text)]
    text = text[breaks[-1] :] if breaks else text
    if not STREET_START.match(text) and index > 0 and STREET_START.match(lines[index - 1]):
        text = f"{lines[index - 1]}, {text}"
    return text.strip(" ,")


def _us(lines: Sequence[str]) -> Address | None:
    import usaddress

    for index, line in enumerate(lines):
        for segment_end in (m.end() for m in US_END.finditer(line)):
            chunk = _chunk(lines, index, segment_end)
            try:
                tagged, _ = usaddress.tag(chunk)
            except usaddress.RepeatedLabelError:
                continue
            if not {"StateName", "ZipCode"} <= set(tagged):
                continue
            street_tokens = [tagged[k] for k in STREET_LABELS if k in tagged]
            street = _span(chunk, street_tokens) if street_tokens else None
            return Address(
                street,
                tagged.get("PlaceName"),
                tagged["StateName"].rstrip(".,"),
                tagged["ZipCode"],
                None,
                line,
            )
    return None


def _span(text: str, tokens: Sequence[str]) -> str | None:
    """The printed text from the first to the last token (punctuation as printed)."""
    starts = [text.find(t) for t in tokens if t in text]
    if not starts:
        return None
    first = min(starts)
    last = max(text.find(t) + len(t) for t in tokens if t in text)
    return text[first:last].strip(" ,")


def _postcoded(lines: Sequence[str]) -> Address | None:
    for index, line in enumerate(lines):
        for pattern in POSTCODES:
            match = pattern.search(line)
            if match is None:
                continue
            before = [p for p in PARTS.split(line[: match.start()]) if p]
            after = [p for p in PARTS.split(line[match.end() :]) if p]
            if not before and index > 0:
                before = [p for p in PARTS.split(lines[index - 1]) if p]
            return _from_parts(before, match.group(0), after, line)
    return None


def _from_parts(before: list[str], postcode: str, after: list[str], line: str) -> Address:
    street = next((p for p in before if STREET_START.match(p)), None)
    rest = before[before.index(street) + 1 :] if street else before[-1:]
    place = rest[0] if rest else None
    city, region = place, (rest[1] if len(rest) > 1 else None)
    if place and region is None:
        for county in counties():
            if place.endswith(" " + county):
                city, region = place[: -len(county) - 1], county
    if region is None and postcode.split()[0] in (
        "NSW",
        "VIC",
        "QLD",
        "SA",
        "WA",
        "TAS",
        "NT",
        "ACT",
    ):
        region, postcode = postcode.split()[0], postcode.split()[1]
    country = after[0] if after and after[0] in COUNTRIES else None
    return Address(street, city, region, postcode, country, line)


def _headquarters(lines: Sequence[str]) -> Address | None:
    for pattern in (HEADQUARTERS, PLACE_AFTER_NAME):
        for line in lines:
            match = pattern.search(line)
            if match:
                region = match.groupdict().get("region")
                return Address(None, match.group("city"), region, None, None, line)
    return None


def postal_address(lines: Sequence[str]) -> Address | None:
    return _us(lines) or _postcoded(lines) or _headquarters(lines)
