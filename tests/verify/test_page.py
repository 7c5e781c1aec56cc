"""How the verifier reads a page's own redirects (meta refresh, a script setting the
location) and tells a listed host from its subdomains."""

from __future__ import annotations

import pytest

from diaspora_atlas.verify.page import parse_page
from diaspora_atlas.verify.rules import host_in

BASE = "http://old.example.org/a/b"


def page_with(head: str, body: str = "<p>hello</p>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("head", "sends_to"),
    [
        (
            '<meta http-equiv="refresh" content="0; url=https://www.facebook.com/x">',
            "https://www.facebook.com/x",
        ),
        ('<meta http-equiv="Refresh" content="3;URL=\'/new/\'">', "http://old.example.org/new/"),
        ('<meta http-equiv="refresh" content="0,https://b.example.org">', "https://b.example.org"),
        (
            '<meta http-equiv="refresh" content="0;url=https://a.org/p?q=1#top">',
            "https://a.org/p?q=1",
        ),
        ('<meta http-equiv="refresh" content="5">', ""),  # reloads itself
        ('<meta http-equiv="refresh" content="600; url=/x">', ""),  # too slow to be a pointer
        ('<meta http-equiv="refresh" content="0; url=">', ""),
        ('<meta http-equiv="refresh" content="0; url=mailto:a@b.org">', ""),
        ('<meta name="refresh" content="0; url=/x">', ""),  # not http-equiv
    ],
)
def test_meta_refresh(head: str, sends_to: str) -> None:
    page = parse_page(BASE, page_with(head))
    assert page.sends_to == sends_to
    assert page.sent_by == ("meta refresh" if sends_to else "")


@pytest.mark.parametrize(
    ("script", "sends_to"),
    [
        ("window.location.href = 'https://new.example.org/';", "https://new.example.org/"),
        ('location.replace("/home")', "http://old.example.org/home"),
        ("if (ok) { top.location = '/z' }", "http://old.example.org/z"),
        ("var x = location.href;", ""),  # reads the location, sends nowhere
    ],
)
def test_script_location_on_a_near_empty_page(script: str, sends_to: str) -> None:
    page = parse_page(BASE, page_with("", f"<p>One moment.</p><script>{script}</script>"))
    assert (page.sends_to, page.sent_by) == (sends_to, "script" if sends_to else "")
    assert "location" not in page.text  # scripts are still no part of the visible text


def test_a_frameset_showing_one_address_is_a_redirect() -> None:
    masked = (
        "<html><head><title>Association</title></head><frameset rows='100%,*' border='0'>"
        "<frame src='https://real.example.net/' frameborder='0'><frame frameborder='0'>"
        "</frameset></html>"
    )
    page = parse_page(BASE, masked)
    assert (page.sends_to, page.sent_by) == ("https://real.example.net/", "frame")
    two = masked.replace("<frame frameborder='0'>", "<frame src='/menu.html'>")
    assert parse_page(BASE, two).sends_to == ""  # a page built of frames, not a forward


def test_a_script_location_on_a_page_with_content_is_not_a_redirect() -> None:
    words = "<p>" + "Our association trains doctors every year. " * 20 + "</p>"
    page = parse_page(BASE, page_with("", words + "<script>location.href='/en/'</script>"))
    assert page.sends_to == ""


def test_host_in_finds_the_most_specific_listed_host() -> None:
    listed = {"facebook.com": "Facebook", "business.facebook.com": "Facebook Business"}
    assert host_in("m.facebook.com", listed) == "facebook.com"
    assert host_in("WWW.Business.Facebook.com.", listed) == "business.facebook.com"
    assert host_in("notfacebook.com", listed) is None
    assert host_in("", listed) is None
    assert host_in("com", frozenset({"facebook.com"})) is None
