"""The bundled study loaded once for all web tests (SQLite, and PostgreSQL in the -m db pass),
with the build's results.json in a temporary home; flushed afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from diaspora_atlas.pipeline import load_store
from diaspora_atlas.progress import Progress
from diaspora_atlas.protocol import load_protocol
from diaspora_atlas.report.stages import write_outputs


@pytest.fixture(scope="package")
def atlas(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    from diaspora_atlas.web import cache

    home = tmp_path_factory.mktemp("webhome")
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setenv("DIASPORA_ATLAS_HOME", str(home))
        patch.delenv("DIASPORA_ATLAS_OUT_DIR", raising=False)
        load_store(Progress(enabled=False))
        write_outputs(home / "build", Progress(enabled=False), load_protocol(), with_report=False)
        cache.clear()
        yield home
        cache.clear()
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def web(atlas: Path, client: Any, db: None) -> Any:
    """Django's test client over the loaded study."""
    return client


@pytest.fixture
def wsgi_app(web: Any) -> Iterator[Any]:
    """The WSGI application the server runs (the response cache over Django), called in
    process; Django's per-request connection closing is paused (as its test client does) so
    the calls stay inside the test's transaction."""
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    from diaspora_atlas.web.wsgi import CachedApplication

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield CachedApplication(get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
