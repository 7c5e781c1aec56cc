"""A guarded client for the simulated web: the address guard stays on, with only the
simulated web's loopback address let through."""

from __future__ import annotations

from typing import Any

from diaspora_atlas.http import HttpClient, HttpConfig, StaticResolver

from .simweb import SimWeb


def sim_config(**overrides: Any) -> HttpConfig:
    values: dict[str, Any] = {
        "contact": "https://atlas.test/contact",
        "user_agent": "DiasporaAtlas/test (+https://atlas.test/contact)",
        "allowed_networks": ("127.0.0.1/32",),
        "host_delay": 0.0,
        "backoff_base": 0.01,
        "connect_timeout": 1.0,
        "read_timeout": 1.0,
        "total_timeout": 5.0,
        "max_retries": 2,
    }
    values.update(overrides)
    return HttpConfig(**values)


def sim_client(web: SimWeb, **overrides: Any) -> HttpClient:
    return HttpClient(sim_config(**overrides), resolver=StaticResolver(web.resolver_table()))
