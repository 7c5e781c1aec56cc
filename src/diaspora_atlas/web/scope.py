"""The study protocol the site shows.

``diaspora-atlas serve --protocol P`` hands it over with ``use_protocol`` before the site
starts; when the site is started another way (the tests, an outside WSGI server), it is the
protocol of the setting ``DIASPORA_ATLAS_PROTOCOL``, loaded once, here at the site's edge.
"""

from __future__ import annotations

import threading

from diaspora_atlas.protocol import Protocol, load_protocol

_lock = threading.Lock()
_chosen: list[Protocol] = []


def use_protocol(protocol: Protocol) -> None:
    with _lock:
        _chosen[:] = [protocol]


def site_protocol() -> Protocol:
    with _lock:
        if not _chosen:
            _chosen.append(load_protocol())
        return _chosen[0]
