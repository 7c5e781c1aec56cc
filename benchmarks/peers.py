"""How each tool is run on the simulated web, and its output mapped to our outcome classes
(as far as the tool's output allows: what a peer cannot distinguish is said in MAPPING)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

PEER_BIN = Path("/tmp/vf-peers")
LYCHEE = PEER_BIN / "venv" / "bin" / "lychee"
LINKINATOR = PEER_BIN / "npm" / "node_modules" / ".bin" / "linkinator"
SOCIAL = "127.3.0.1"
MAPPING = {
    "lychee": "status codes (404/410, 403, 5xx); error text (timeout, DNS, refused, TLS, redirects); "
    "its redirect_map gives each chain, so redirected, moved and social_only can be told apart; "
    "parked and soft_404 read as ok; it has no address guard, so blocked targets are fetched (ok).",
    "linkinator": "status codes and failure details; no final URL, no redirect report: redirected, "
    "moved, social_only, parked, soft_404 and blocked read as ok.",
    "linkchecker": "result column (status, error text) and its 'Redirected to' info, which gives the "
    "final URL: redirected/moved/social_only can be told apart; parked, soft_404, blocked cannot.",
}


def error_class(text: str) -> str:
    t = text.lower()
    for words, outcome in (
        (("timed out", "timeout", "time out"), "timeout"),
        (("redirect",), "too_many_redirects"),
        (("certificate", "ssl", "tls", "self-signed", "self signed"), "tls_error"),
        (("refused", "econnrefused"), "connection_refused"),
        (
            (
                "dns",
                "resolve",
                "name or service",
                "getaddrinfo",
                "enotfound",
                "eai_again",
                "no address",
                "nodename",
            ),
            "dns_failure",
        ),
    ):
        if any(w in t for w in words):
            return outcome
    return "error"


def status_class(code: int) -> str:
    if code in (404, 410):
        return "not_found"
    if code in (401, 403, 429, 451):
        return "forbidden"
    if code >= 400:
        return "server_error"
    return "ok"


def where_class(url: str, final: str) -> str:
    a, b = urlsplit(url), urlsplit(final)
    if not final or (
        (a.hostname, a.port) == (b.hostname, b.port) and a.path.rstrip("/") == b.path.rstrip("/")
    ):
        return "ok"
    if b.hostname == SOCIAL:
        return "social_only"
    return "redirected" if a.hostname == b.hostname else "moved"


def lychee_command(urls: Path, out: Path, timeout: int) -> list[str]:
    return [
        str(LYCHEE),
        "--no-progress",
        "--format",
        "json",
        "--output",
        str(out),
        "--verbose",
        "--timeout",
        str(timeout),
        str(urls),
    ]


def lychee_outcomes(out: Path) -> dict[str, str]:
    data = json.loads(out.read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for key in ("success_map", "error_map", "timeout_map", "excluded_map"):
        for items in (data.get(key) or {}).values():
            for item in items:
                status = item.get("status", {})
                code = status.get("code")
                if key == "timeout_map":
                    found[item["url"]] = "timeout"
                elif isinstance(code, int):
                    found[item["url"]] = status_class(code)
                else:
                    found[item["url"]] = error_class(json.dumps(status))
    for items in (data.get("redirect_map") or {}).values():  # the chain gives the final URL
        for item in items:
            hops = item.get("redirects") or []
            if hops and found.get(item["origin"]) == "ok":
                found[item["origin"]] = where_class(item["origin"], hops[-1]["url"])
    return found


def linkinator_command(folder: Path, timeout: int) -> list[str]:
    return [str(LINKINATOR), str(folder), "--format", "json", "--timeout", str(timeout * 1000)]


def linkinator_outcomes(stdout: str) -> dict[str, str]:
    data = json.loads(stdout[stdout.index("{") :])
    found: dict[str, str] = {}
    for link in data.get("links", []):
        status = int(link.get("status") or 0)
        if status:
            found[link["url"]] = status_class(status)
        else:
            found[link["url"]] = error_class(json.dumps(link.get("failureDetails", "")))
    return found


def linkchecker_command(page: Path, out: Path, timeout: int) -> list[str]:
    return [
        "linkchecker",
        "--check-extern",
        "--no-status",
        "--threads",
        "100",
        "--timeout",
        str(timeout),
        "-o",
        "none",
        "-F",
        f"csv/utf-8/{out}",
        f"file://{page}",
    ]


def linkchecker_outcomes(out: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    lines = [
        line for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    for row in csv.DictReader(lines, delimiter=";"):
        url, result = row.get("urlname", ""), row.get("result", "") or ""
        code = re.match(r"(\d{3})\b", result)
        if code:
            outcome = status_class(int(code.group(1)))
            final = re.search(r"Redirected to `([^']+)'", row.get("infostring", "") or "")
            if outcome == "ok" and final:
                outcome = where_class(url, final.group(1))
            found[url] = outcome
        elif url:
            found[url] = error_class(result + " " + (row.get("warningstring") or ""))
    return found
