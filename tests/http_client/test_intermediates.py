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
from pathlib import Path

import pytest
import pytest_asyncio
from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import AuthorityInformationAccessOID, NameOID

from diaspora_atlas.http import HttpClient, StaticResolver, TlsFailure

from .support import fast_config

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
    files: web.AppRunner
    files_port: int
    fetched: Counter[str]

    def trusting_root(self) -> ssl.SSLContext:
        return ssl.create_default_context(cadata=self.root.der())

    def issuers_url(self, name: str) -> str:
        return f"http://ca.test:{self.files_port}/{name}"


async def https_server(leaf: Issued, tmp_path: Path) -> tuple[web.AppRunner, int]:
    """An https server presenting ``leaf`` alone (no intermediate), answering 200."""
    folder = tmp_path
    cert, key = folder / f"{id(leaf)}.crt", folder / f"{id(leaf)}.key"
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

    async def ok(request: web.Request) -> web.Response:
        return web.Response(text="hello")

    app = web.Application()
    app.router.add_get("/", ok)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=context)
    await site.start()
    return runner, site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]


@pytest_asyncio.fixture
async def pki() -> AsyncIterator[Pki]:
    root = issue("Atlas Test Root", None, ca=True)
    intermediate = issue("Atlas Test Intermediate", root, ca=True)
    rogue_root = issue("Rogue Root", None, ca=True)
    fetched: Counter[str] = Counter()
    files = {
        "/intermediate.der": intermediate.der(),
        "/intermediate.pem": intermediate.pem(),
        "/rogue.der": rogue_root.der(),
    }

    async def serve(request: web.Request) -> web.Response:
        fetched[request.path] += 1
        body = files.get(request.path)
        return web.Response(body=body) if body else web.Response(status=404)

    app = web.Application()
    app.router.add_get("/{name}", serve)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield Pki(root, intermediate, runner, port, fetched)
    await runner.cleanup()


def client(pki: Pki, hosts: list[str], **overrides: object) -> HttpClient:
    table = {host: ["127.0.0.1"] for host in [*hosts, "ca.test"]}
    table["private-ca.test"] = ["10.0.0.1"]
    config = fast_config(**overrides)  # type: ignore[arg-type]
    return HttpClient(config, resolver=StaticResolver(table), ssl_context=pki.trusting_root())


@pytest.mark.asyncio
async def test_a_missing_intermediate_is_fetched_once_from_its_ca_issuers_address(
    pki: Pki, tmp_path: Path
) -> None:
    servers = []
    for host, name in (("one.test", "intermediate.der"), ("two.test", "intermediate.pem")):
        leaf = issue(host, pki.intermediate, ca=False, host=host, issuers_url=pki.issuers_url(name))
        servers.append((host, *await https_server(leaf, tmp_path)))
    try:
        async with client(pki, [h for h, _, _ in servers]) as http:
            for host, _, port in servers:
                response = await http.get(f"https://{host}:{port}/")
                assert (response.status, response.text()) == (200, "hello")
            again = await http.get(f"https://{servers[0][0]}:{servers[0][2]}/")
            assert again.status == 200
        # the first site's address was fetched once; the second site's certificate then
        # verified at once (the intermediate already known), so its address was never needed
        assert pki.fetched == Counter({"/intermediate.der": 1})
    finally:
        for _, runner, _ in servers:
            await runner.cleanup()


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
    runner, port = await https_server(leaf, tmp_path)
    try:
        async with client(pki, ["bad.test"]) as http:
            with pytest.raises(TlsFailure, match="certificate refused"):
                await http.get(f"https://bad.test:{port}/")
    finally:
        await runner.cleanup()


@pytest.mark.asyncio
async def test_the_ca_issuers_address_passes_the_address_guard(pki: Pki, tmp_path: Path) -> None:
    leaf = issue(
        "guarded.test",
        pki.intermediate,
        ca=False,
        host="guarded.test",
        issuers_url=f"http://private-ca.test:{pki.files_port}/intermediate.der",
    )
    runner, port = await https_server(leaf, tmp_path)
    try:
        async with client(
            pki,
            ["guarded.test"],
            allow_private_addresses=False,
            allowed_networks=("127.0.0.1/32",),
        ) as http:
            with pytest.raises(TlsFailure):
                await http.get(f"https://guarded.test:{port}/")
        assert not pki.fetched  # 10.0.0.1 was refused: nothing was sent there
    finally:
        await runner.cleanup()


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
