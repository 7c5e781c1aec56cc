"""The check runner: entities interleaved by host, and a site forgotten (its robots.txt
rules, its resolved name, its host's turn) once nothing of it is left to check."""

from __future__ import annotations

import asyncio

import pytest

from diaspora_atlas.http import HttpClient
from diaspora_atlas.model import Schema
from diaspora_atlas.model.websites import Outcome
from diaspora_atlas.verify.checker import Options
from diaspora_atlas.verify.runner import CheckThread, units_of
from diaspora_atlas.verify.statements import Target

from .simweb import SimWeb
from .support import sim_client


def targets(web: SimWeb, *where: tuple[str, str]) -> list[Target]:
    return [
        Target(f"org-{n}", Schema.ORGANISATION, web.url(name, path), "website")
        for n, (name, path) in enumerate(where)
    ]


def test_units_are_interleaved_by_host() -> None:
    web = SimWeb(port=80)
    found = targets(web, ("a.test", "/1"), ("a.test", "/2"), ("b.test", "/"), ("a.test", "/3"))
    hosts = [u.targets[0].url.split("/")[2].split(":")[0] for u in units_of(found)]
    assert hosts == ["a.test", "b.test", "a.test", "a.test"]


@pytest.mark.asyncio
async def test_a_site_is_forgotten_once_nothing_of_it_is_left_to_check(simweb: SimWeb) -> None:
    made: list[HttpClient] = []

    def make() -> HttpClient:
        made.append(sim_client(simweb))
        return made[-1]

    wanted = targets(
        simweb, ("ok.test", "/"), ("ok.test", "/about"), ("gone.test", "/"), ("ok.test", "/x")
    )
    options = Options(archive=False, read_pages=False)
    thread = CheckThread(units_of(wanted), make, options, workers=1)  # one site after another
    done = await asyncio.to_thread(lambda: list(thread.results()))

    assert len(done) == 4
    assert {d.results[0].outcome for d in done} >= {Outcome.OK, Outcome.NOT_FOUND}
    # robots.txt once per site: ok.test was not forgotten while its other addresses waited
    assert simweb.hits["ok.test /robots.txt"] == 1 and simweb.hits["gone.test /robots.txt"] == 1
    assert made[0].kept() == {"robots": 0, "names": 0, "hosts": 0, "idle connections": 0}
