"""The cookies of one address's check: kept per host (or per Domain), sent back to it only,
deleted when the site says so."""

from __future__ import annotations

from diaspora_atlas.http.response import headers_dict
from diaspora_atlas.verify.cookies import MAX_COOKIES, ChainCookies


def test_repeated_set_cookie_headers_stay_apart() -> None:
    joined = headers_dict(
        [
            ("Set-Cookie", "a=1; Expires=Wed, 21 Oct 2099 07:28:00 GMT"),
            ("Set-Cookie", "b=2"),
            ("Vary", "Accept"),
            ("Vary", "Cookie"),
        ]
    )
    assert joined["set-cookie"] == "a=1; Expires=Wed, 21 Oct 2099 07:28:00 GMT\nb=2"
    assert joined["vary"] == "Accept, Cookie"
    cookies = ChainCookies()
    cookies.take("Example.org", joined["set-cookie"])
    assert cookies.headers_for("example.org") == {"Cookie": "a=1; b=2"}


def test_a_host_only_cookie_goes_back_to_its_host_only() -> None:
    cookies = ChainCookies()
    cookies.take("www.example.org", "sid=abc; Path=/; HttpOnly")
    assert cookies.headers_for("www.example.org") == {"Cookie": "sid=abc"}
    assert cookies.headers_for("example.org") == {}
    assert cookies.headers_for("other.test") == {}


def test_a_domain_cookie_goes_to_the_domain_and_its_subdomains() -> None:
    cookies = ChainCookies()
    cookies.take("www.example.org", "lang=en; Domain=.example.org")
    assert cookies.headers_for("example.org") == {"Cookie": "lang=en"}
    assert cookies.headers_for("shop.example.org") == {"Cookie": "lang=en"}
    assert cookies.headers_for("notexample.org") == {}


def test_a_host_cannot_set_a_cookie_for_another_site() -> None:
    cookies = ChainCookies()
    cookies.take("evil.test", "track=1; Domain=example.org")
    assert cookies.headers_for("example.org") == {}


def test_a_cookie_is_deleted_by_max_age_or_a_past_expiry() -> None:
    cookies = ChainCookies()
    cookies.take("example.org", "a=1\nb=2\nc=3")
    cookies.take("example.org", "a=; Max-Age=0\nb=gone; Expires=Thu, 01 Jan 1970 00:00:00 GMT")
    assert cookies.headers_for("example.org") == {"Cookie": "c=3"}


def test_bad_cookies_are_skipped_and_the_jar_is_bounded() -> None:
    cookies = ChainCookies()
    cookies.take("example.org", 'bad"name=1\nok=1')
    assert cookies.headers_for("example.org") == {"Cookie": "ok=1"}
    cookies.take("example.org", "\n".join(f"c{i}=1" for i in range(2 * MAX_COOKIES)))
    assert cookies.headers_for("example.org")["Cookie"].count("=") == MAX_COOKIES
