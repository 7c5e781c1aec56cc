"""Every importer on real exports: what it reads, compared with the field's own parsers."""

from __future__ import annotations

from pathlib import Path

import nbib
import pytest
import rispy

from diaspora_atlas.search.identifiers import normalise_doi
from diaspora_atlas.search.importers import check_file, guess_format, import_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "search"
RIS_FILES = sorted(FIXTURES.glob("*.ris"))
NBIB_FILES = sorted(FIXTURES.glob("*.nbib"))


@pytest.mark.parametrize(
    ("name", "fmt", "records"),
    [
        ("rispy_example_full.ris", "ris", 2),
        ("rispy_example_bom.ris", "ris", 1),
        ("rispy_example_extraneous_data.ris", "ris", 2),
        ("rispy_example_multiline.ris", "ris", 3),
        ("asreview_pubmed_zotero.ris", "ris", 6),
        ("asreview_ovid_zotero.ris", "ris", 6),
        ("asreview_proquest.ris", "ris", 6),
        ("asreview_scopus_first3.ris", "ris", 3),
        ("nbib_single.nbib", "nbib", 1),
        ("nbib_pubmed_balloongui_first12.nbib", "nbib", 12),
        ("colrev_eric.nbib", "nbib", 1),
        ("pop_google_scholar.csv", "pop", 3),
        ("web_hits.csv", "csv", 8),
    ],
)
def test_guesses_the_format_and_counts_the_records(name: str, fmt: str, records: int) -> None:
    path = FIXTURES / name
    assert guess_format(path) == fmt
    check = check_file(path)
    assert (check.fmt, check.records) == (fmt, records)
    found = list(import_file(path, run="r1"))
    assert len(found) == records
    assert all(r.run == "r1" and r.fmt == fmt and r.file == str(path) for r in found)
    assert all(r.line >= 1 for r in found)


@pytest.mark.parametrize("path", RIS_FILES, ids=lambda p: p.name)
def test_ris_agrees_with_rispy(path: Path) -> None:
    theirs = rispy.load(path, encoding="utf-8-sig")
    ours = list(import_file(path))
    assert len(ours) == len(theirs)
    for mine, their in zip(ours, theirs, strict=True):
        title = their.get("title") or their.get("primary_title") or ""
        assert mine.title == " ".join(str(title).split()) or mine.title == str(title).strip()
        assert mine.doi == normalise_doi(str(their.get("doi", "")))
        authors = their.get("authors") or their.get("first_authors") or []
        assert list(mine.authors) == [a.strip() for a in authors]


@pytest.mark.parametrize(
    "path", [p for p in NBIB_FILES if p.name.startswith("nbib_")], ids=lambda p: p.name
)
def test_medline_agrees_with_the_nbib_package(path: Path) -> None:
    theirs = nbib.read_file(str(path))
    ours = list(import_file(path))
    assert len(ours) == len(theirs)
    for mine, their in zip(ours, theirs, strict=True):
        assert mine.pmid == str(their["pubmed_id"])
        assert mine.title == their["title"]
        assert mine.abstract == their.get("abstract", "")
        assert mine.doi == their.get("doi", "").lower()
        assert list(mine.authors) == [a["author"] for a in their["authors"]]
        assert mine.journal == their["journal"]


def test_a_pubmed_record_in_full() -> None:
    (record,) = import_file(FIXTURES / "nbib_single.nbib", run="pubmed-2026")
    assert record.source == "pubmed" and record.record_id == record.pmid == "28754806"
    assert record.url == "https://pubmed.ncbi.nlm.nih.gov/28754806/"
    assert record.year == 2018 and record.doi == "10.1136/neurintsurg-2017-013179"


def test_scopus_source_and_ids() -> None:
    records = list(import_file(FIXTURES / "asreview_scopus_first3.ris"))
    assert {r.source for r in records} == {"scopus"}
    assert records[0].journal == "Psychoneuroendocrinology"
    assert records[0].record_id == "asreview_scopus_first3.ris#1"  # Scopus RIS gives no ID
    assert records[0].line == 1


def test_eric_medline_is_not_called_pubmed() -> None:
    (record,) = import_file(FIXTURES / "colrev_eric.nbib")
    assert (record.source, record.record_id, record.doi) == (
        "eric",
        "EJ1131633",
        "10.1000/123456789",
    )
    assert record.authors == ("Smith, Tom", "Hunter, Shawn")


def test_bom_and_text_between_records() -> None:
    (bom,) = import_file(FIXTURES / "rispy_example_bom.ris")
    assert bom.kind == "JOUR" and bom.doi == "10.1186/s40981-020-0316-0"
    first, second = import_file(FIXTURES / "rispy_example_extraneous_data.ris")
    assert first.line == 5 and second.line > first.line


def test_publish_or_perish_columns() -> None:
    first = next(import_file(FIXTURES / "pop_google_scholar.csv"))
    assert first.source == "google_scholar" and first.rank == 1
    assert first.authors == ("S Frehywot", "C Park", "A Infanzon")
    assert (first.year, first.journal, first.doi) == (
        2019,
        "Human Resources for Health",
        "10.1186/s12960-019-0393-1",
    )
    assert first.line == 2


def test_web_hits_csv() -> None:
    hits = list(import_file(FIXTURES / "web_hits.csv", run="web-2026"))
    assert [h.rank for h in hits] == list(range(1, 9))
    assert hits[0].source == "pages-corpus" and hits[0].query.startswith(
        "Association of Physicians"
    )
    assert "APPNA" in hits[1].abstract and hits[1].date == "2026-11-30"


def test_source_given_by_the_caller_wins() -> None:
    records = list(import_file(FIXTURES / "asreview_proquest.ris", source="lexisnexis"))
    assert {r.source for r in records} == {"lexisnexis"}
