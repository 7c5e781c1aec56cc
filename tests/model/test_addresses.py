"""Addresses as sources write them: the one rule that finds their host."""

from __future__ import annotations

import pytest

from diaspora_atlas.model.addresses import host_of, split_address


@pytest.mark.parametrize(
    ("written", "host"),
    [
        ("https://www.AAPIUSA.org/about", "www.aapiusa.org"),
        ("aapiusa.org/about-us", "aapiusa.org"),
        ("  bapio.co.uk ", "bapio.co.uk"),
        ("http://[::1]:8080/x", "::1"),
        ("http://[::1/x", ""),  # malformed: no host rather than an error
        ("", ""),
        ("not an address", "not an address"),  # a host-shaped string; callers judge it
    ],
)
def test_host_of(written: str, host: str) -> None:
    assert host_of(written) == host


def test_a_bare_address_keeps_its_path_and_query() -> None:
    parts = split_address("example.org/page?a=1")
    assert (parts.hostname, parts.path, parts.query) == ("example.org", "/page", "a=1")
