"""E-mail addresses (plain, ``[at]``/``(at)`` forms, Cloudflare-obfuscated), telephone
numbers as printed (fax numbers left out) and links to social networks."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from diaspora_atlas.verify.page import Page
from diaspora_atlas.verify.rules import host_in, load_rules
from diaspora_atlas.verify.sites import host

EMAIL = re.compile(r"\b[A-Za-z0-9][\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
AT_FORM = re.compile(
    r"\b([A-Za-z0-9][\w.+-]*)\s*[\[(]\s*at\s*[\])]\s*([A-Za-z0-9-]+(?:\s*(?:\.|[\[(]\s*dot\s*[\])])\s*[A-Za-z0-9-]+)+)",
    re.IGNORECASE,
)
DOT_FORM = re.compile(r"\s*(?:\.|[\[(]\s*dot\s*[\])])\s*", re.IGNORECASE)
CF_EMAIL = re.compile(r"data-cfemail=\"([0-9a-fA-F]+)\"|/cdn-cgi/l/email-protection#([0-9a-fA-F]+)")
ASSET = re.compile(r"\.(?:png|jpe?g|gif|svg|webp)$", re.IGNORECASE)
PHONE = re.compile(
    r"(?<![\w/.-])(?:"
    r"(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}"  # North America
    r"|\+44\s?\(?0?\)?\s?\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}|\b0\d{2,4}[\s-]\d{3,4}[\s-]?\d{3,4}"  # UK
    r"|\+61\s?\d[\s-]?\d{4}[\s-]?\d{4}|\(0\d\)\s?\d{4}[\s-]?\d{4}"  # Australia
    r")(?![\w-])"
)
FAX = re.compile(r"\bfax\b|\bfacsimile\b", re.IGNORECASE)
SEGMENT = re.compile(r"[;|]|\s{3,}")


@dataclass(frozen=True)
class Found:
    value: str
    excerpt: str


def cloudflare_decode(encoded: str) -> str:
    """Cloudflare's e-mail protection: the first byte is the key XORed into the others."""
    data = bytes.fromhex(encoded)
    return bytes(b ^ data[0] for b in data[1:]).decode("utf-8", errors="replace")


def emails(lines: Iterable[str], html: str) -> list[Found]:
    found: dict[str, Found] = {}
    for line in lines:
        for match in EMAIL.finditer(line):
            if not ASSET.search(match.group(0)):
                found.setdefault(match.group(0).lower(), Found(match.group(0), line))
        for match in AT_FORM.finditer(line):
            address = f"{match.group(1)}@{DOT_FORM.sub('.', match.group(2))}"
            found.setdefault(address.lower(), Found(address, line))
    for match in CF_EMAIL.finditer(html):
        try:
            address = cloudflare_decode(match.group(1) or match.group(2))
        except ValueError:
            continue
        if EMAIL.fullmatch(address):
            found.setdefault(address.lower(), Found(address, "e-mail protected by Cloudflare"))
    for match in re.finditer(r"href=\"mailto:([^\"?]+)", html, re.IGNORECASE):
        address = match.group(1).strip()
        if EMAIL.fullmatch(address):
            found.setdefault(address.lower(), Found(address, f"mailto:{address}"))
    return list(found.values())


def phones(lines: Iterable[str]) -> list[Found]:
    """Numbers as printed; a number whose label (in its segment of the line) says fax is not
    a phone."""
    found: dict[str, Found] = {}
    for line in lines:
        for segment in SEGMENT.split(line):
            for match in PHONE.finditer(segment):
                if FAX.search(segment[: match.start()]):
                    continue
                digits = re.sub(r"\D", "", match.group(0))
                found.setdefault(digits, Found(match.group(0).strip(), line))
    return list(found.values())


def social_links(page: Page) -> list[Found]:
    networks = load_rules().social_hosts
    found: dict[str, Found] = {}
    for link in page.links:
        if host_in(host(link.url), networks):
            found.setdefault(link.url, Found(link.url, link.text or link.url))
    return list(found.values())
