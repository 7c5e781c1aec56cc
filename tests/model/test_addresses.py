"""Addresses as sources write them: the one rule that finds their host."""

from __future__ import annotations

import pytest

from diaspora_atlas.model.addresses import host_of, registrable_domain, split_address


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


@pytest.mark.parametrize(
    ("host", "domain"),
    [
        ("www.bapio.co.uk", "bapio.co.uk"),
        ("www.mohfw.nic.in", "mohfw.nic.in"),  # nic.in is a public suffix
        ("x.gov.gh", "x.gov.gh"),
        ("WWW.Example.ORG.", "example.org"),
        ("a.b.github.io", "b.github.io"),  # the list's private part: hosting platforms
        ("127.0.0.1", "127.0.0.1"),
        ("[::1]", "[::1]"),
        ("foo.unknownsuffixzz", "foo.unknownsuffixzz"),
    ],
)
def test_registrable_domain_by_the_public_suffix_list(host: str, domain: str) -> None:
    assert registrable_domain(host) == domain
