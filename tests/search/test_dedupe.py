"""Records found by several sources, merged by DOI, PMID or URL; counts for PRISMA."""

from __future__ import annotations

from pathlib import Path

import pytest

from diaspora_atlas.model.records import SearchRecord
from diaspora_atlas.search.dedupe import deduplicate, record_keys
from diaspora_atlas.search.identifiers import (
    normalise_doi,
    normalise_pmid,
    normalise_url,
    parse_year,
)
from diaspora_atlas.search.importers import import_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "search"


def rec(source: str, rid: str, **fields: object) -> SearchRecord:
    return SearchRecord(
        source=source, run="r", record_id=rid, title=str(fields.pop("title", "")), **fields
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "doi"),
    [
        ("https://doi.org/10.1186/S12960-019-0393-1", "10.1186/s12960-019-0393-1"),
        ("10.1161/STROKEAHA.118.021126 [doi]", "10.1161/strokeaha.118.021126"),
        ("http://dx.doi.org/10.1177/2325967120950040.", "10.1177/2325967120950040"),
        ("no doi here", ""),
    ],
)
def test_doi_normalisation(raw: str, doi: str) -> None:
    assert normalise_doi(raw) == doi


def test_url_and_pmid_and_year_normalisation() -> None:
    assert (
        normalise_url("https://www.Example.org/a/b/?utm_source=x&b=2&a=1#top")
        == "example.org/a/b?a=1&b=2"
    )
    assert normalise_url("http://example.org/a/b") == "example.org/a/b"
    assert normalise_url("") == normalise_url("not a url at all") == ""
    assert normalise_pmid(" 0028754806 ") == "28754806" and normalise_pmid("PMC123") == ""
    assert (
        parse_year("2014//") == 2014
        and parse_year("2019 Mar") == 2019
        and parse_year("n.d.") is None
    )


def test_merges_by_doi_pmid_and_url_transitively() -> None:
    records = [
        rec("pubmed", "1", doi="10.1234/ABC", pmid="111"),
        rec("scopus", "s1", doi="https://doi.org/10.1234/abc"),  # same DOI
        rec(
            "europepmc", "e1", pmid="111", url="https://europepmc.org/article/MED/111"
        ),  # same PMID
        rec("google", "g1", url="http://www.europepmc.org/article/MED/111/"),  # same URL as e1
        rec("google", "g2", url="https://example.org/other"),
    ]
    result = deduplicate(records)
    assert (result.before, result.after, result.removed) == (5, 2, 3)
    assert sum(result.merged_by.values()) == result.removed
    assert result.merged_by == {"doi": 1, "pmid": 1, "url": 1}
    big = result.clusters[0]
    assert [m.record_id for m in big.members] == ["1", "s1", "e1", "g1"]
    assert result.per_source == {"pubmed": 1, "scopus": 1, "europepmc": 1, "google": 2}
    assert result.as_json()["removed"] == 3


def test_title_and_year_only_when_asked() -> None:
    records = [
        rec("google_scholar", "a", title="Medical diaspora: an underused entity", year=2019),
        rec("lexisnexis", "b", title="MEDICAL DIASPORA — an underused entity", year=2019),
        rec("lexisnexis", "c", title="Medical diaspora: an underused entity", year=2018),
    ]
    assert deduplicate(records).after == 3
    assert deduplicate(records, title_year=True).after == 2
    assert record_keys(records[0], title_year=True)[-1].startswith("title_year:")


def test_real_exports_across_sources() -> None:
    pubmed = list(import_file(FIXTURES / "nbib_pubmed_balloongui_first12.nbib"))
    single = list(import_file(FIXTURES / "nbib_single.nbib"))
    result = deduplicate([*pubmed, *single, *pubmed[:3]])
    duplicates_of_single = sum(1 for p in pubmed if p.pmid == single[0].pmid)
    assert result.before == 16
    assert result.after == 12 + 1 - duplicates_of_single
