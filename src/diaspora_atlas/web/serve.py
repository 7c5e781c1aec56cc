"""The production server: gunicorn (threaded workers) running the Django site, with static
files from WhiteNoise, security headers and the content security policy (see djangosite).

``serve()`` opens and migrates the store, fills the directory's read models if an older
build left them empty, renders the maps and the matching index once in the master process
(workers inherit them), then serves until interrupted.
"""

from __future__ import annotations

import gc
import importlib
import importlib.util
import io
import os
import sys
import time
from typing import TYPE_CHECKING, Any

from diaspora_atlas.errors import StoreError
from diaspora_atlas.settings import load_settings
from diaspora_atlas.web.listen import ALLOWED_HOSTS_VARIABLE, claim_port, plan

if TYPE_CHECKING:
    from diaspora_atlas.protocol import Protocol

THREADS = 4
TIMEOUT = 60
WARM_SECONDS = 20.0


def default_workers(granian: bool = False) -> int:
    """granian: one process per core (its Rust I/O threads do the rest); gunicorn: two per
    core plus one, at most 9 (requests are short and mostly cached)."""
    cores = os.cpu_count() or 1
    return cores if granian else min(2 * cores + 1, 9)


def gunicorn_options(host: str, port: int, workers: int | None) -> dict[str, Any]:
    return {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers or default_workers(),
        "worker_class": "gthread",
        "threads": THREADS,
        "keepalive": 5,
        "timeout": TIMEOUT,
        "graceful_timeout": 10,
        "backlog": 2048,
        "preload_app": True,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "diaspora-atlas",
        "forwarded_allow_ips": "127.0.0.1,::1",
    }


def prepare(protocol: Protocol | None = None) -> Any:
    """Open the store, fill missing read models, warm the caches; returns the WSGI app.
    ``protocol``: the study protocol the site shows (None: the setting's)."""
    if protocol is not None:
        from diaspora_atlas.web.scope import use_protocol

        use_protocol(protocol)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diaspora_atlas.djangosite")
    from diaspora_atlas.store.runtime import open_store

    database = open_store(migrate=True)
    refuse_unbuilt_store(database)
    from django.core.wsgi import get_wsgi_application

    from diaspora_atlas.store.directory import close_connections
    from diaspora_atlas.store.directory_index import ensure_directory

    ensure_directory()
    from diaspora_atlas.web.wsgi import CachedApplication

    application = CachedApplication(get_wsgi_application())
    warm(application)
    close_connections()  # never share a connection across the fork
    # What warming built (maps, indexes, page data) lives as long as the process: keep it out
    # of the collector's scans, so collections under load are short and pages stay shared
    # copy-on-write between the forked workers.
    gc.collect()
    gc.freeze()
    return application


def refuse_unbuilt_store(database: str) -> None:
    """Never serve a store that is empty or whose last build did not finish."""
    from diaspora_atlas.store.runs import store_state

    state = store_state()
    if not state.complete:
        raise StoreError(
            f"not serving {database}: {state.reason}",
            "run `diaspora-atlas build` (with the same DIASPORA_ATLAS_HOME / DATABASE_URL) first",
        )


def warm(application: Any, budget: float = WARM_SECONDS) -> int:
    """Render the maps, the matching index and the most visited pages once, in the master
    process, so every worker starts with them (forked, copy-on-write). Stops after
    ``budget`` seconds; returns how many pages it rendered."""
    from diaspora_atlas.store.pages import match_entries
    from diaspora_atlas.web.figures import figures
    from diaspora_atlas.web.matching import index
    from diaspora_atlas.web.scope import site_protocol

    started = time.monotonic()
    figures()
    index()
    host = load_settings().allowed_hosts[0]
    paths = ["/", "/index.json", "/organisations/", "/organisations.json", "/countries/"]
    paths += ["/offices/", "/maps/", "/audit/", "/downloads/", "/method/", "/citation/"]
    for entry in match_entries(site_protocol().inventory_datasets):
        paths += [f"/organisations/{entry['id']}/", f"/organisations/{entry['id']}.json"]
    done = 0
    for target in paths:
        if time.monotonic() - started > budget:
            break
        for encoding in ("", "gzip"):
            path, _, query = target.partition("?")
            environ = {
                "REQUEST_METHOD": "GET",
                "PATH_INFO": path,
                "QUERY_STRING": query,
                "HTTP_HOST": host,
                "HTTP_ACCEPT_ENCODING": encoding,
                "SERVER_NAME": host,
                "SERVER_PORT": "80",
                "SERVER_PROTOCOL": "HTTP/1.1",
                "wsgi.url_scheme": "http",
                "wsgi.input": io.BytesIO(b""),
                "wsgi.errors": sys.stderr,
            }
            b"".join(application(environ, lambda status, headers, exc_info=None: None))
        done += 1
    return done


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int | None = None,
    protocol: Protocol | None = None,
) -> None:
    """Serve the directory on host:port until interrupted (Ctrl+C): with granian when it is
    installed (about five times gunicorn's throughput here, see docs/web.md), else gunicorn.
    A port already in use is an error, found before the store is opened (web.listen)."""
    listening = plan(host, port, load_settings().allowed_hosts)
    guard = claim_port(host, port)
    try:
        for line in listening.warnings:
            print(line, file=sys.stderr, flush=True)
        # The server answers the URL it prints: read by djangosite when prepare() loads it.
        os.environ[ALLOWED_HOSTS_VARIABLE] = ",".join(listening.allowed_hosts)
        application = prepare(protocol)
        ready = f"Serving the Medical Diaspora Atlas at {listening.url} (Ctrl+C to stop)"
        if importlib.util.find_spec("granian") is not None:
            _granian(application, host, port, workers or default_workers(granian=True), ready)
        else:
            guard.close()  # gunicorn binds without SO_REUSEPORT
            _gunicorn(application, host, port, workers or default_workers(), ready)
    finally:
        guard.close()


def _granian(application: Any, host: str, port: int, workers: int, ready: str) -> None:
    granian: Any = importlib.import_module("granian")
    constants: Any = importlib.import_module("granian.constants")
    log: Any = importlib.import_module("granian.log")
    server = granian.Granian(
        "diaspora_atlas.web.wsgi:application",  # a label: the loader below hands over the app
        address=host,
        port=port,
        interface=constants.Interfaces.WSGI,
        workers=workers,
        blocking_threads=THREADS,
        backlog=2048,
        websockets=False,
        log_level=log.LogLevels.warning,
    )
    print(ready, flush=True)
    # Workers are forked: they inherit the prepared application and its warm caches.
    server.serve(target_loader=lambda *_: application, wrap_loader=False)


def _gunicorn(application: Any, host: str, port: int, workers: int, ready: str) -> None:
    # gunicorn ships no type hints; load it as an untyped module.
    base_application: Any = importlib.import_module("gunicorn.app.base").BaseApplication
    options = gunicorn_options(host, port, workers)

    def when_ready(server: Any) -> None:
        print(ready, flush=True)

    class Server(base_application):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in {**options, "when_ready": when_ready}.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    Server().run()
