"""Malformed exports: one clear error naming the file, the line and what was expected, and
nothing yielded before the whole file has been checked."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from diaspora_atlas.errors import UsageError
from diaspora_atlas.search.importers import MalformedFileError, check_file, import_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "search"
RIS = FIXTURES / "asreview_pubmed_zotero.ris"
NBIB = FIXTURES / "nbib_pubmed_balloongui_first12.nbib"
POP = FIXTURES / "pop_google_scholar.csv"
WEB = FIXTURES / "web_hits.csv"


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8-sig").splitlines()


def write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def index_of(lines: list[str], prefix: str, nth: int = 1) -> int:
    """0-based index of the nth line starting with prefix."""
    seen = 0
    for i, line in enumerate(lines):
        if line.startswith(prefix):
            seen += 1
            if seen == nth:
                return i
    raise AssertionError(prefix)


def error_of(path: Path, fmt: str | None = None) -> MalformedFileError:
    with pytest.raises(MalformedFileError) as caught:
        list(import_file(path, fmt))
    assert str(path) in caught.value.one_line()
    return caught.value


def test_ris_truncated_in_a_record(tmp_path: Path) -> None:
    lines = lines_of(RIS)
    cut = index_of(lines, "ER  -", 3) - 2
    start = index_of(lines, "TY  -", 3)
    error = error_of(write(tmp_path, "cut.ris", lines[:cut]))
    assert error.line == start + 1
    assert "no 'ER  - '" in error.problem


def test_ris_missing_er_between_records(tmp_path: Path) -> None:
    lines = lines_of(RIS)
    er = index_of(lines, "ER  -", 2)
    broken = lines[:er] + lines[er + 1 :]
    error = error_of(write(tmp_path, "noer.ris", broken))
    assert error.line == index_of(broken, "TY  -", 3) + 1
    assert "'TY' before the 'ER  - '" in error.problem


@pytest.mark.parametrize("bad", ["TI - one space", "ti  - lower case", "T1- no spaces"])
def test_ris_bad_tag(tmp_path: Path, bad: str) -> None:
    lines = lines_of(RIS)
    at = index_of(lines, "TI  -", 4)
    lines[at] = bad
    error = error_of(write(tmp_path, "tag.ris", lines))
    assert error.line == at + 1
    assert "bad tag line" in error.problem and "XX  - value" in (error.hint or "")


def test_ris_first_tag_must_be_ty(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, "t.ris", ["", "TI  - A title", "ER  - "]), "ris")
    assert error.line == 2 and "expected 'TY  - '" in error.problem


def test_binary_junk_in_the_middle(tmp_path: Path) -> None:
    lines = lines_of(RIS)
    path = tmp_path / "junk.ris"
    data = (
        "\n".join(lines[:40]).encode()
        + b"\nAB  - \x00\x01\x02\xff\xfe\n"
        + "\n".join(lines[40:]).encode()
    )
    path.write_bytes(data)
    error = error_of(path, "ris")
    assert error.line == 41


def test_not_utf8(tmp_path: Path) -> None:
    lines = lines_of(RIS)
    path = tmp_path / "latin1.ris"
    path.write_bytes(
        "\n".join(lines[:10]).encode()
        + "\nAB  - Caf\xe9\n".encode("latin-1")
        + "\n".join(lines[10:]).encode()
    )
    error = error_of(path, "ris")
    assert error.line == 11 and "not UTF-8" in error.problem


def test_utf16_is_refused_up_front(tmp_path: Path) -> None:
    path = tmp_path / "u16.ris"
    path.write_text(RIS.read_text(encoding="utf-8"), encoding="utf-16")
    error = error_of(path, "ris")
    assert "UTF-16" in error.problem and "UTF-8" in (error.hint or "")


def test_medline_bad_line(tmp_path: Path) -> None:
    lines = lines_of(NBIB)
    at = index_of(lines, "TI  -", 5)
    lines[at] = "title: not a tag"
    error = error_of(write(tmp_path, "bad.nbib", lines))
    assert error.line == at + 1 and "bad tag line" in error.problem


def test_medline_truncated_mid_tag(tmp_path: Path) -> None:
    lines = lines_of(NBIB)
    at = index_of(lines, "AU  -", 30)
    lines = [*lines[:at], "AU"]
    error = error_of(write(tmp_path, "cut.nbib", lines))
    assert error.line == at + 1


def test_medline_continuation_before_any_tag(tmp_path: Path) -> None:
    lines = ["", "      a continuation", *lines_of(NBIB)]
    error = error_of(write(tmp_path, "cont.nbib", lines), "nbib")
    assert error.line == 2


def test_csv_bad_quoting(tmp_path: Path) -> None:
    lines = lines_of(WEB)
    lines[4] = lines[4].replace(",4,", ',"4"x,')
    error = error_of(write(tmp_path, "q.csv", lines))
    assert error.line == 5 and "bad CSV" in error.problem


def test_csv_unclosed_quote_runs_to_the_end(tmp_path: Path) -> None:
    lines = lines_of(WEB)
    lines[3] = lines[3].replace("pages-corpus", '"pages-corpus')
    error = error_of(write(tmp_path, "open.csv", lines), "csv")
    assert error.line >= 4 and "bad CSV" in error.problem


def test_csv_wrong_columns(tmp_path: Path) -> None:
    lines = lines_of(WEB)
    lines[0] = "engine,query,position,link,title,snippet,date"
    error = error_of(write(tmp_path, "cols.csv", lines), "csv")
    assert error.line == 1 and "missing column(s) rank, url" in error.problem


def test_csv_row_of_the_wrong_width(tmp_path: Path) -> None:
    lines = lines_of(POP)
    lines.insert(2, "0,A Author,Only three fields")
    error = error_of(write(tmp_path, "w.csv", lines))
    assert error.line == 3 and "3 fields where the header has 26" in error.problem


def test_csv_rank_must_be_a_number(tmp_path: Path) -> None:
    lines = lines_of(WEB)
    lines[6] = lines[6].replace(",6,", ",sixth,")
    error = error_of(write(tmp_path, "rank.csv", lines))
    assert error.line == 7 and "rank 'sixth'" in error.problem


def test_empty_and_unknown_files(tmp_path: Path) -> None:
    empty = write(tmp_path, "empty.ris", [""])
    assert error_of(empty, "ris").problem.startswith("no RIS record")
    text = write(tmp_path, "notes.txt", ["Dear colleague,", "here are my notes."])
    assert "cannot tell the format" in error_of(text).problem
    with pytest.raises(UsageError):
        list(import_file(RIS, "bibtex"))


def test_nothing_is_yielded_before_the_whole_file_is_checked(tmp_path: Path) -> None:
    lines = lines_of(RIS)
    path = write(tmp_path, "late.ris", [*lines, "TY  - JOUR", "TI  - truncated record"])
    records = import_file(path)
    with pytest.raises(MalformedFileError):
        next(records)  # the first record is fine, but the file is not: nothing comes out


def test_check_file_reports_what_it_read() -> None:
    check = check_file(RIS)
    assert (check.fmt, check.records, len(check.sha256)) == ("ris", 6, 64)
    assert check.lines == RIS.read_bytes().count(b"\n")


def _peak_while_importing(path: Path, records: int) -> int:
    with path.open("w", encoding="utf-8") as handle:
        for n in range(records):
            handle.write(
                f"TY  - JOUR\nTI  - Record {n}\nAU  - Doe, J\nAB  - {'word ' * 150}\nER  - \n\n"
            )
    tracemalloc.start()
    count = sum(1 for _ in import_file(path))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == records
    return peak


def test_memory_stays_flat_while_streaming(tmp_path: Path) -> None:
    list(import_file(RIS))  # warm the caches
    small = _peak_while_importing(tmp_path / "small.ris", 2_000)  # 1.6 MB
    large = _peak_while_importing(tmp_path / "large.ris", 8_000)  # four times the file
    assert large < small * 1.2, (small, large)
    assert large < 4_000_000
