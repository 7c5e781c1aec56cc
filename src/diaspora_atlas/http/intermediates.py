"""Missing intermediate certificates, fetched the way browsers fetch them.

A server that sends its own certificate without the intermediate that signed it fails
verification here ("unable to get local issuer certificate") while every browser shows the
site: browsers follow the certificate's Authority Information Access "CA Issuers" address
and fetch the intermediate. Without that, a live site with an incomplete chain would be
reported dead. So, once per such failure:

1. the server's certificate is read in a handshake that verifies nothing (and sends nothing);
2. its CA Issuers address (plain ``http://``, as RFC 5280 §4.2.2.1 expects) is fetched, once
   per address, through the transport (the address guard applies, at most ``MAX_BYTES``);
3. a certificate authority that is not self-signed is added to the client's verification
   store. It is not a trust anchor: partial chains stay refused, so a chain must still end at
   a root the store already trusts (a self-signed certificate from the fetched address would
   otherwise make a site's own root trusted).
Only one missing level is looked up (the intermediate signed by a root). ``cryptography``
(18 MB) is imported only when an intermediate has been fetched.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Awaitable, Callable
from functools import partial

from diaspora_atlas.http.once import Once

#: OpenSSL's X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY: the chain stops short of a root
MISSING_ISSUER = 20
MAX_BYTES = 64 * 1024

FetchBytes = Callable[[str], Awaitable[bytes | None]]


def leaf_context() -> ssl.SSLContext:
    """A context that verifies nothing: only to read what certificate a server presents."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


#: the DER of OID 1.3.6.1.5.5.7.48.2 (id-ad-caIssuers), then a URI GeneralName follows (0x86)
CA_ISSUERS = bytes.fromhex("06082b06010505073002")
URI_TAG = 0x86


def issuer_addresses(der: bytes) -> list[str]:
    """The certificate's CA Issuers addresses that are plain http URLs. Read from the DER
    without a certificate parser: every untrusted certificate is read this way, and the
    parser (``cryptography``) is needed only once an intermediate has been fetched."""
    found: list[str] = []
    start = der.find(CA_ISSUERS)
    while start >= 0:
        at = start + len(CA_ISSUERS)
        if at < len(der) and der[at] == URI_TAG:
            length, offset = _der_length(der, at + 1)
            if length is not None and offset + length <= len(der):
                value = der[offset : offset + length]
                uri = value.decode("ascii") if value.isascii() else ""
                if uri.lower().startswith("http://") and uri not in found:
                    found.append(uri)
        start = der.find(CA_ISSUERS, at)
    return found


def _der_length(der: bytes, at: int) -> tuple[int | None, int]:
    """A DER length at ``at``: (length, where the value starts), or (None, at)."""
    if at >= len(der):
        return None, at
    first = der[at]
    if first < 0x80:
        return first, at + 1
    count = first & 0x7F
    if count == 0 or count > 2 or at + 1 + count > len(der):
        return None, at
    return int.from_bytes(der[at + 1 : at + 1 + count], "big"), at + 1 + count


def usable_authorities(body: bytes) -> list[bytes]:
    """The certificates in a fetched body (DER, PEM or PKCS #7) that may help build a chain:
    certificate authorities that are not self-signed, as DER."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs7

    found: list[x509.Certificate] = []
    for load in (
        lambda b: [x509.load_der_x509_certificate(b)],
        x509.load_pem_x509_certificates,
        pkcs7.load_der_pkcs7_certificates,
        pkcs7.load_pem_pkcs7_certificates,
    ):
        try:
            found = list(load(body))
        except ValueError:
            continue
        if found:
            break
    usable: list[bytes] = []
    for certificate in found:
        try:
            constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
        except x509.ExtensionNotFound:
            continue
        if constraints.value.ca and certificate.issuer != certificate.subject:
            usable.append(certificate.public_bytes(Encoding.DER))
    return usable


class Intermediates:
    """``await intermediates.complete(context, address, port, host, timeout)``: True when the
    intermediate the server left out is now in ``context`` (connect again), else False.
    Each CA Issuers address is fetched once, however many sites wait for it."""

    def __init__(self, fetch: FetchBytes) -> None:
        self._fetch = fetch
        self._authorities: Once[str, tuple[bytes, ...]] = Once()

    async def complete(
        self, context: ssl.SSLContext, address: str, port: int, host: str, timeout: float
    ) -> bool:
        try:
            async with asyncio.timeout(timeout):
                der = await _presented_certificate(address, port, host)
        except (OSError, TimeoutError, ssl.SSLError):
            return False
        added = False
        for url in issuer_addresses(der) if der else []:
            found = await self._authorities.get(url, partial(self._load, context, url))
            added = added or bool(found)
        return added

    async def _load(self, context: ssl.SSLContext, url: str) -> tuple[bytes, ...]:
        authorities = tuple(usable_authorities(await self._fetch(url) or b""))
        for authority in authorities:
            context.verify_flags &= ~ssl.VERIFY_X509_PARTIAL_CHAIN
            context.load_verify_locations(cadata=authority)
        return authorities


async def _presented_certificate(address: str, port: int, host: str) -> bytes | None:
    loop = asyncio.get_running_loop()
    transport, _ = await loop.create_connection(
        asyncio.Protocol, address, port, ssl=leaf_context(), server_hostname=host
    )
    try:
        tls = transport.get_extra_info("ssl_object")
        return tls.getpeercert(binary_form=True) if tls is not None else None
    finally:
        transport.close()
