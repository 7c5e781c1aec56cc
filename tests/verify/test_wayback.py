"""The Internet Archive's availability API: its answer format replayed from a cassette, and
a dead site's latest capture recorded with the check."""

from __future__ import annotations

from pathlib import Path

import pytest

from diaspora_atlas.http import Cassette, HttpClient
from diaspora_atlas.model.websites import Outcome
from diaspora_atlas.verify.checker import Checker, Options
from diaspora_atlas.verify.wayback import latest_snapshot

from .simweb import SimWeb
from .support import sim_client, sim_config

CASSETTE = Path(__file__).resolve().parents[1] / "fixtures" / "http" / "wayback" / "available.json"


@pytest.mark.asyncio
async def test_availability_answers_replayed() -> None:
    async with HttpClient(sim_config(), cassette=Cassette(CASSETTE)) as client:
        found = await latest_snapshot(client, "http://example.com/")
        nothing = await latest_snapshot(client, "http://never-archived.example/")
        unrecorded = await latest_snapshot(client, "http://other.example/")  # not in the file
        assert client.requests_sent == 0
    assert found is not None
    assert found.url == "http://web.archive.org/web/20130919044612/http://example.com/"
    assert found.archived_at == "2013-09-19T04:46:12+00:00"
    assert nothing is None and unrecorded is None


@pytest.mark.asyncio
async def test_dead_site_gets_its_archived_copy(simweb: SimWeb) -> None:
    endpoint = simweb.url("archive.test", "/wayback/available")
    async with sim_client(simweb) as client:
        checker = Checker(client, Options(wayback_endpoint=endpoint))
        dead = await checker.check(simweb.url("gone.test"))
        alive = await checker.check(simweb.url("ok.test"))
    assert dead.outcome is Outcome.NOT_FOUND
    assert dead.archived is not None and dead.archived.url.endswith(simweb.url("gone.test"))
    assert dead.as_json()["archived_url"] == dead.archived.url
    assert alive.archived is None
    assert simweb.hits["archive.test /wayback/available"] == 1
