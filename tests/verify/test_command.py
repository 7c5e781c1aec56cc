"""``diaspora-atlas verify`` end to end on a built store and the simulated web: the JSON
lines, statements and last_verified, proposals filling gaps and geocoded, resuming after an
interruption, and the since-2019 numbers agreeing everywhere they are shown."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from diaspora_atlas import model
from diaspora_atlas.cli import main
from diaspora_atlas.pipeline import load_store, verify
from diaspora_atlas.progress import Progress
from diaspora_atlas.protocol import load_protocol

from .simweb import SimWeb, ThreadedSimWeb

pytestmark = pytest.mark.db
KEYS = {"url", "outcome", "final_url", "status", "evidence", "checked_at"}


@pytest.fixture(scope="module")
def store(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("verifyhome")
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setenv("DIASPORA_ATLAS_HOME", str(home))
        patch.setenv("DIASPORA_ATLAS_HTTP_CONTACT", "https://atlas.test/contact")
        patch.setenv("DIASPORA_ATLAS_HTTP_HOST_DELAY", "0")
        patch.setenv("DIASPORA_ATLAS_HTTP_READ_TIMEOUT", "1")
        load_store(Progress(enabled=False))
        yield home
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def sim() -> Iterator[SimWeb]:
    with ThreadedSimWeb() as web:
        yield web


def _files(tmp_path: Path, web: SimWeb, urls: list[str]) -> tuple[str, str]:
    url_file, resolve_file = tmp_path / "urls.txt", tmp_path / "resolve.txt"
    url_file.write_text("# test sites\n" + "\n".join(urls) + "\n", encoding="utf-8")
    table = web.resolver_table()
    resolve_file.write_text(
        "\n".join(f"{n} {' '.join(a)}" for n, a in table.items()), encoding="utf-8"
    )
    return str(url_file), str(resolve_file)


def test_json_lines_and_statements(
    store: Path, sim: SimWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str], db: None
) -> None:
    from diaspora_atlas.store.queries import entity_views

    urls = [sim.url("ok.test"), sim.url("gone.test"), sim.url("social.test")]
    url_file, resolve_file = _files(tmp_path, sim, urls)
    code = main(
        [
            "verify",
            "--urls",
            url_file,
            "--resolve",
            resolve_file,
            "--json",
            "--allow-private-addresses",
            "--no-archive",
            "--fresh",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert {line["url"] for line in lines} == set(urls)
    assert all(set(line) >= KEYS for line in lines)
    assert {line["url"]: line["outcome"] for line in lines} == {
        urls[0]: "ok",
        urls[1]: "not_found",
        urls[2]: "social_only",
    }
    assert all(set(line["evidence"]) == {"rule", "explanation", "excerpt"} for line in lines)
    assert "address guard is OFF" in err  # said on every run, --json or not
    checks = entity_views(model.Schema.PAGE_CHECK)
    outcomes = {
        v.facts["check_outcome"][0].source_url: v.value("check_outcome") for v in checks.values()
    }
    assert outcomes[urls[1]] == "not_found"
    assert all(v.last_verified for v in checks.values())


def test_the_summary_is_in_words_and_each_warning_said_once(
    store: Path, sim: SimWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str], db: None
) -> None:
    urls = [sim.url("ok.test"), sim.url("gone.test"), sim.url("social.test")]
    url_file, resolve_file = _files(tmp_path, sim, urls)
    flags = ["--allow-private-addresses", "--no-archive", "--fresh"]
    code = main(["verify", "--urls", url_file, "--resolve", resolve_file, *flags])
    out, err = capsys.readouterr()
    assert code == 0
    assert "Checked 3 addresses" in out
    for words in ("Answered", "Not found", "Social network page only"):
        assert re.search(rf"^  {words} +1$", out, re.MULTILINE), words
    assert "not_found" not in out and "social_only" not in out
    assert err.count("the address guard is OFF") == 1  # said once, by the progress
    assert err.count("no contact in the User-Agent") <= 1


def test_bad_url_file_changes_nothing(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], db: None
) -> None:
    from diaspora_atlas.store import models as orm

    bad = tmp_path / "bad.txt"
    bad.write_text("http://ok.test/\nftp://files.test/x\n", encoding="utf-8")
    before = orm.StatementEvent.objects.count()
    assert main(["verify", "--urls", str(bad)]) == 2
    assert "bad.txt:2: not an http(s) address" in capsys.readouterr().err
    assert orm.StatementEvent.objects.count() == before


def test_resume_after_interruption(store: Path, sim: SimWeb, tmp_path: Path, db: None) -> None:
    from diaspora_atlas.store import models as orm

    names = [
        "ok.test",
        "redirected.test",
        "moved.test",
        "parked.test",
        "gone.test",
        "forbidden.test",
    ]
    urls = [sim.url(n) for n in names]
    url_file, resolve_file = _files(tmp_path, sim, urls)
    seen: list[str] = []

    def interrupt_after_three(line: dict[str, Any]) -> None:
        seen.append(line["url"])
        if len(seen) == 3:
            raise KeyboardInterrupt

    options = {
        "urls": url_file,
        "resolver": _resolver(resolve_file),
        "archive": False,
        "http": {"allow_private_addresses": True},
        "batch": 1,
    }
    with pytest.raises(KeyboardInterrupt):
        verify(
            Progress(enabled=False),
            load_protocol(),
            fresh=True,
            emit=interrupt_after_three,
            **options,
        )
    assert (
        orm.BuildRun.objects.filter(command="verify").order_by("-started_at").first().status
        == "failed"
    )
    first_hits = {u: sim.hits[f"{u.split('//')[1].split(':')[0]} /"] for u in urls}
    again: list[str] = []
    summary = verify(
        Progress(enabled=False),
        load_protocol(),
        emit=lambda line: again.append(line["url"]),
        **options,
    )
    check = summary["stages"]["verify"]
    assert check["skipped_done_in_campaign"] == len(urls) - len(again) >= 3
    assert set(again).isdisjoint(seen)  # recorded before shown: even the third is kept
    for url in seen:  # not asked again
        assert sim.hits[f"{url.split('//')[1].split(':')[0]} /"] == first_hits[url]


def test_no_empty_load_unless_something_is_to_be_retracted(
    store: Path, sim: SimWeb, tmp_path: Path, db: None
) -> None:
    """Nothing read and nothing held: no load of proposals at all. A site whose pages were
    read before, checked again without reading: the load runs and retracts what it said."""
    url_file, resolve_file = _files(tmp_path, sim, [sim.url("ok.test")])
    options: dict[str, Any] = {
        "urls": url_file,
        "resolver": _resolver(resolve_file),
        "archive": False,
        "http": {"allow_private_addresses": True},
    }

    def datasets(summary: dict[str, Any]) -> list[tuple[str, int]]:
        return [(lo["dataset"], lo["retracted"]) for lo in summary["stages"]["verify"]["loads"]]

    quiet = Progress(enabled=False)
    first = verify(quiet, load_protocol(), fresh=True, read_pages=False, **options)
    assert datasets(first) == [("verify", 0)]
    read = verify(quiet, load_protocol(), fresh=True, **options)
    assert ("pages", 0) in datasets(read)
    again = verify(quiet, load_protocol(), fresh=True, read_pages=False, **options)
    assert [d for d in datasets(again) if d[0] == "pages" and d[1] > 0]


def _resolver(path: str) -> Any:
    from diaspora_atlas.http import StaticResolver
    from diaspora_atlas.verify.targets import read_resolve_file

    return StaticResolver(read_resolve_file(Path(path)))


def _org_without(prop: str, host: str = "USA") -> str:
    from diaspora_atlas.store.queries import entity_views

    views = entity_views(model.Schema.ORGANISATION)
    return next(
        oid
        for oid, v in sorted(views.items())
        if not v.value(prop) and v.value("host_iso3") == host and v.value("founded_year")
    )


def test_proposals_fill_gaps_and_are_geocoded(
    store: Path, sim: SimWeb, tmp_path: Path, db: None
) -> None:
    from diaspora_atlas.store.queries import entity_views

    org = _org_without("hq_city")
    url = sim.url("ok.test")
    options = _curated_site(tmp_path, sim, org, url)
    verify(Progress(enabled=False), load_protocol(), fresh=True, **options)
    view = entity_views(model.Schema.ORGANISATION)[org]
    assert view.value("check_outcome") == "ok" and view.last_verified
    city = view.choices["hq_city"]
    assert (city.statement.value, city.statement.proposed, city.reason.value) == (
        "Oakbrook",
        True,
        "proposed_fills_gap",
    )
    assert city.statement.source_url == sim.url("ok.test", "/contact-us")
    assert "Oakbrook" in city.statement.rationale  # the line it was read from
    assert view.value("hq_precision") in ("city", "region")  # the geocode stage read the proposal
    assert "Oakbrook" in view.chosen("hq_precision").inferred_from  # type: ignore[union-attr]
    founded = view.choices["founded_year"]  # a stated value is never replaced by a proposal
    assert not founded.statement.proposed and "1987" in view.values("founded_year")


def _curated_site(tmp_path: Path, sim: SimWeb, org: str, url: str) -> dict[str, Any]:
    """A curator judges ``url`` the organisation's current site; verify's options to check it
    on the simulated web (the address guard opened for loopback)."""
    from diaspora_atlas.store import repository

    repository.record_judgement(
        model.Judgement(
            model.JudgementKind.CORRECT, org, "curator", prop="website_current", value=url
        )
    )
    url_file, resolve_file = _files(tmp_path, sim, [url])
    return {
        "urls": url_file,
        "resolver": _resolver(resolve_file),
        "archive": False,
        "http": {"allow_private_addresses": True},
    }


def test_since_2019_numbers_agree(store: Path, db: None, client: Any) -> None:
    """Home page JSON, report results, the CSV table and the directory facet: one source."""
    from diaspora_atlas.model.websites import groups
    from diaspora_atlas.report.websites import since_2019_table
    from diaspora_atlas.store.directory import Selection
    from diaspora_atlas.store.facade import SqlStore
    from diaspora_atlas.store.queries import entity_views
    from diaspora_atlas.store.websites import since_2019
    from diaspora_atlas.verify.checker import CheckResult
    from diaspora_atlas.verify.classify import CheckEvidence
    from diaspora_atlas.verify.statements import Target, check_statements, source_for
    from diaspora_atlas.web.find.service import select

    views = entity_views(model.Schema.ORGANISATION)
    with_site = sorted(oid for oid, v in views.items() if v.value("website"))[:6]
    outcomes = ["ok", "moved", "social_only", "parked", "not_found", "dns_failure"]
    statements, sources = [], []
    for oid, outcome in zip(with_site, outcomes, strict=True):
        target = Target(oid, model.Schema.ORGANISATION, views[oid].value("website"), "website")
        result = CheckResult(
            target.url,
            model.websites.Outcome(outcome),
            target.url,
            None,
            CheckEvidence("test", "set by the test"),
            "2026-12-01T10:00:00+00:00",
        )
        statements += check_statements(target, result)
        sources.append(source_for(target.url))
    SqlStore("test").load_dataset("verify", "since-2019-test", sources, statements, scope=with_site)
    SqlStore("test").rebuild_read_models()
    numbers = since_2019(["frehywot2019"])
    total = numbers["total"]
    assert (total["alive"], total["moved"], total["social_only"], total["parked"]) == (1, 1, 1, 1)
    assert total["dead"] == 2 and sum(total.values()) == numbers["organisations"] == 89
    in_2019 = [v for v in views.values() if v.value("paper_row")]  # the 2019 inventory's
    assert total["no_website_2019"] == sum(1 for v in in_2019 if not v.value("website"))
    facet = select(Selection())[0].facets["website_today"]
    assert {g: facet.get(g, 0) for g in groups()} == total
    home = client.get("/index.json").json()
    assert home["since_2019"]["total"] == total
    assert [g["count"] for g in home["since_2019"]["groups"]] == list(total.values())
    from diaspora_atlas.report.inference import inference_agreement
    from diaspora_atlas.report.results import build_results
    from diaspora_atlas.report.study import load_study

    study = load_study()
    assert (
        build_results(study, load_protocol(), inference_agreement(study))["since_2019"] == numbers
    )
    table = since_2019_table(numbers)
    assert table.rows[0][2:] == tuple(total[g] for g in groups())
    for host, counts in numbers["by_host"].items():
        hosted = select(Selection(filters={"host": (host,)}))[0].facets["website_today"]
        assert {g: hosted.get(g, 0) for g in groups()} == counts


def test_page_text_is_written_and_step_5_labels_a_focus_from_it(
    store: Path, sim: SimWeb, tmp_path: Path, db: None
) -> None:
    """A recorded page (tests/fixtures/pages/45-enahpa-history) read by the verifier gives a
    ``page_text`` statement; the synthesise stage, run by the same command, labels a focus
    the organisation's other texts do not give, with the page as its evidence."""
    from diaspora_atlas.model.focuses import focus_record
    from diaspora_atlas.store.queries import entity_views

    from .simweb import RECORDED_PATH

    views = entity_views(model.Schema.ORGANISATION)
    org = next(oid for oid, v in views.items() if v.value("paper_row") == "45")
    before = focus_record(views[org].facts_json())
    assert "professional_network" not in before["codes"]
    url = sim.url("enahpa.test", RECORDED_PATH)
    options = _curated_site(tmp_path, sim, org, url)
    summary = verify(Progress(enabled=False), load_protocol(), fresh=True, **options)
    assert summary["stages"]["synthesise"]["changed"] is not False
    view = entity_views(model.Schema.ORGANISATION)[org]
    (text,) = view.facts["page_text"]
    assert (text.dataset, text.proposed, text.source_url) == ("pages", True, url)
    assert text.value.startswith("The Ethiopian North American Health Professionals")
    assert "first annual conference" in text.value and "trafilatura" in text.rationale
    after = focus_record(view.facts_json())
    assert "professional_network" in after["codes"]
    (label,) = [lb for lb in after["labels"] if lb["code"] == "professional_network"]
    assert label["text_kind"] == "page_text" and label["source_url"] == url
    assert label["sentence"] in text.value
