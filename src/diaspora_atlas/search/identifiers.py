"""The one place that normalises record identifiers: DOIs, PMIDs, URLs, years, titles.

Importers use these to fill records; deduplication uses them to compare records.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode

from diaspora_atlas.model.addresses import split_address
from diaspora_atlas.refdata import normalise_name

_DOI = re.compile(r"10\.\d{4,9}/\S+", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_PMID = re.compile(r"\d{1,12}")
# Query parameters that track a visit rather than name a page.
_TRACKING = re.compile(r"^(utm_.*|fbclid|gclid|mc_[a-z]+|ref|source|sessionid)$", re.IGNORECASE)


def normalise_doi(text: str) -> str:
    """``"https://doi.org/10.1186/S12960-019-0393-1 [doi]"`` -> ``"10.1186/s12960-019-0393-1"``;
    ``""`` when the text holds no DOI."""
    match = _DOI.search(text)
    return match.group().rstrip(".,;)]").lower() if match else ""


def normalise_pmid(text: str) -> str:
    """A PubMed id as digits without leading zeros, or ``""``."""
    value = text.strip()
    return str(int(value)) if _PMID.fullmatch(value) else ""


def normalise_url(text: str) -> str:
    """A URL folded for comparison: no scheme, no ``www.``, lower-case host, no fragment,
    no trailing slash, tracking parameters dropped, the rest of the query sorted."""
    value = text.strip()
    if not value:
        return ""
    parts = split_address(value)
    host = (parts.hostname or "").lower().removeprefix("www.")
    if not host or "." not in host or " " in host:
        return ""  # not an address
    path = parts.path.rstrip("/")
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    )
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    return f"{host}{port}{path}" + (f"?{urlencode(query)}" if query else "")


def parse_year(text: str) -> int | None:
    """The first plausible four-digit year in a date field (``"2014//"``, ``"2019 Mar"``)."""
    match = _YEAR.search(text)
    return int(match.group()) if match else None


def title_key(title: str, year: int | None) -> str:
    """Title and year folded together, for the optional title+year duplicate rule."""
    folded = normalise_name(title)
    return f"{folded}|{year}" if folded and year else ""
