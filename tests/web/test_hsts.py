"""HSTS can be turned on behind TLS; it is sent on every response (cached pages included)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.db


def test_hsts_is_off_by_default(web: Any) -> None:
    assert "Strict-Transport-Security" not in web.get("/method/").headers


def test_hsts_seconds_turn_it_on(web: Any, settings: Any) -> None:
    settings.SECURE_HSTS_SECONDS = 300
    for path in ("/method/", "/organisations.json", "/api/openapi.json"):
        assert web.get(path).headers["Strict-Transport-Security"] == "max-age=300", path


def test_behind_a_tls_proxy_forwarded_https_is_secure(web: Any, settings: Any) -> None:
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    answer = web.get("/organisations/export.csv", HTTP_X_FORWARDED_PROTO="https")
    assert answer.status_code == 200
    body = b"".join(answer.streaming_content) if answer.streaming else answer.content
    assert ",https://testserver" in body.decode("utf-8")  # links as the visitor sees them


def test_the_settings_reach_django(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    from diaspora_atlas import djangosite

    monkeypatch.setenv("DIASPORA_ATLAS_HSTS_SECONDS", "600")
    monkeypatch.setenv("DIASPORA_ATLAS_TLS_PROXY", "1")
    try:
        site = importlib.reload(djangosite)
        assert site.SECURE_HSTS_SECONDS == 600
        assert site.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
        assert site.SESSION_COOKIE_SECURE and site.CSRF_COOKIE_SECURE
    finally:
        monkeypatch.undo()
        vars(djangosite).pop("SECURE_PROXY_SSL_HEADER", None)  # reload keeps old names
        site = importlib.reload(djangosite)
    assert site.SECURE_HSTS_SECONDS == 0 and not hasattr(site, "SECURE_PROXY_SSL_HEADER")
