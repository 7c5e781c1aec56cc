"""A server that leaves out its intermediate certificate (http/intermediates.py): the client
fetches it from the certificate's CA Issuers address, as browsers do, and connects; without
that address, with a self-signed certificate there, or with the address refused by the
guard, the certificate is refused as before. A throwaway PKI on loopback."""

from __future__ import annotations

import datetime as dt
import ssl
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest
import pytest_asyncio
from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import AuthorityInformationAccessOID, NameOID

from diaspora_atlas.http import HttpClient, StaticResolver, TlsFailure

from .support import LoopbackServer, fast_config

KEY = ec.SECP256R1()


@dataclass
class Issued:
    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey

    def der(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.DER)

    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)


def issue(
    name: str,
    issuer: Issued | None,
    *,
    ca: bool,
    host: str | None = None,
    issuers_url: str | None = None,
) -> Issued:
    key = ec.generate_private_key(KEY)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.certificate.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if ca:
        builder = builder.add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
    if host:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False
        )
    if issuers_url:
        location = x509.UniformResourceIdentifier(issuers_url)
        builder = builder.add_extension(
            x509.AuthorityInformationAccess(
                [x509.AccessDescription(AuthorityInformationAccessOID.CA_ISSUERS, location)]
            ),
            critical=False,
        )
    signer = issuer.key if issuer else key
    return Issued(builder.sign(signer, hashes.SHA256()), key)


@dataclass
class Pki:
    root: Issued
    intermediate: Issued
    files: LoopbackServer  # the CA's files, as a CA Issuers address serves them

    def trusting_root(self) -> ssl.SSLContext:
        return ssl.create_default_context(cadata=self.root.der())

    def issuers_url(self, name: str) -> str:
        return f"http://ca.test:{self.files.port}/{name}"

    def fetched(self) -> Counter[str]:
        return Counter(self.files.paths())


async def https_server(leaf: Issued, tmp_path: Path) -> LoopbackServer:
    """An https server presenting ``leaf`` alone (no intermediate), answering 200."""
    cert, key = tmp_path / f"{id(leaf)}.crt", tmp_path / f"{id(leaf)}.key"
    cert.write_bytes(leaf.pem())
    key.write_bytes(
        leaf.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server = LoopbackServer(ssl_context=context)
    server.route("/", partial(file_answer, b"hello"))
    return await server.start()


@pytest_asyncio.fixture
async def pki() -> AsyncIterator[Pki]:
    root = issue("Atlas Test Root", None, ca=True)
    intermediate = issue("Atlas Test Intermediate", root, ca=True)
    rogue_root = issue("Rogue Root", None, ca=True)
    files = LoopbackServer()
    for path, body in (
        ("/intermediate.der", intermediate.der()),
        ("/intermediate.pem", intermediate.pem()),
        ("/rogue.der", rogue_root.der()),
    ):
        files.route(path, partial(file_answer, body))
    await files.start()
    yield Pki(root, intermediate, files)
    await files.stop()


async def file_answer(body: bytes, request: web.Request) -> web.Response:
    return web.Response(body=body)


def client(pki: Pki, hosts: list[str], **overrides: object) -> HttpClient:
    table = {host: ["127.0.0.1"] for host in [*hosts, "ca.test"]}
    table["private-ca.test"] = ["10.0.0.1"]
    config = fast_config(**overrides)  # type: ignore[arg-type]
    return HttpClient(config, resolver=StaticResolver(table), ssl_context=pki.trusting_root())


@pytest.mark.asyncio
async def test_a_missing_intermediate_is_fetched_once_from_its_ca_issuers_address(
    pki: Pki, tmp_path: Path
) -> None:
    servers: list[tuple[str, LoopbackServer]] = []
    for host, name in (("one.test", "intermediate.der"), ("two.test", "intermediate.pem")):
        leaf = issue(host, pki.intermediate, ca=False, host=host, issuers_url=pki.issuers_url(name))
        servers.append((host, await https_server(leaf, tmp_path)))
    try:
        async with client(pki, [host for host, _ in servers]) as http:
            for host, server in servers:
                response = await http.get(f"https://{host}:{server.port}/")
                assert (response.status, response.text()) == (200, "hello")
            again = await http.get(f"https://{servers[0][0]}:{servers[0][1].port}/")
            assert again.status == 200
        # the first site's address was fetched once; the second site's certificate then
        # verified at once (the intermediate already known), so its address was never needed
        assert pki.fetched() == Counter({"/intermediate.der": 1})
    finally:
        for _, server in servers:
            await server.stop()


@pytest.mark.parametrize(
    ("issuers", "why"),
    [
        (None, "no CA Issuers address in the certificate"),
        ("rogue.der", "a self-signed certificate there is never trusted"),
        ("missing.der", "nothing there"),
    ],
)
@pytest.mark.asyncio
async def test_without_a_usable_intermediate_the_certificate_is_refused(
    pki: Pki, tmp_path: Path, issuers: str | None, why: str
) -> None:
    url = pki.issuers_url(issuers) if issuers else None
    signer = pki.intermediate
    if issuers == "rogue.der":  # the leaf is signed by the rogue root it points at
        signer = issue("Rogue Root", None, ca=True)
    leaf = issue("bad.test", signer, ca=False, host="bad.test", issuers_url=url)
    server = await https_server(leaf, tmp_path)
    try:
        async with client(pki, ["bad.test"]) as http:
            with pytest.raises(TlsFailure, match="certificate refused"):
                await http.get(f"https://bad.test:{server.port}/")
    finally:
        await server.stop()


@pytest.mark.asyncio
async def test_the_ca_issuers_address_passes_the_address_guard(pki: Pki, tmp_path: Path) -> None:
    leaf = issue(
        "guarded.test",
        pki.intermediate,
        ca=False,
        host="guarded.test",
        issuers_url=f"http://private-ca.test:{pki.files.port}/intermediate.der",
    )
    server = await https_server(leaf, tmp_path)
    try:
        async with client(
            pki,
            ["guarded.test"],
            allow_private_addresses=False,
            allowed_networks=("127.0.0.1/32",),
        ) as http:
            with pytest.raises(TlsFailure):
                await http.get(f"https://guarded.test:{server.port}/")
        assert not pki.fetched()  # 10.0.0.1 was refused: nothing was sent there
    finally:
        await server.stop()


def test_ca_issuers_addresses_are_read_from_the_der() -> None:
    from diaspora_atlas.http.intermediates import issuer_addresses

    root = issue("Root", None, ca=True)
    long_url = "http://ca.example.org/" + "x" * 300 + ".crt"  # a two-byte DER length
    for url in ("http://ca.example.org/int.crt", long_url):
        assert issuer_addresses(issue("a.test", root, ca=False, issuers_url=url).der()) == [url]
    assert issuer_addresses(issue("b.test", root, ca=False).der()) == []
    https_only = issue("c.test", root, ca=False, issuers_url="https://ca.example.org/i.crt")
    assert issuer_addresses(https_only.der()) == []  # RFC 5280: http, no TLS to get TLS going
    assert issuer_addresses(b"\x06\x08\x2b\x06\x01\x05\x05\x07\x30\x02\x86\x7f") == []
