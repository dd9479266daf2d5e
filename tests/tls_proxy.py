"""A small TLS-terminating reverse proxy and a throwaway certificate authority, for checking
the portal's production headers on one machine (tests/intlaffairs/test_observatory.py and the
README's "Checking the headers with the HTTP Observatory").

It stands in for nginx or a load balancer: it terminates TLS, forwards each request to
gunicorn with X-Forwarded-Proto (the portal trusts it only with BEHIND_TLS_PROXY=1) and
answers plain HTTP by forwarding too, so that the redirect to HTTPS is the portal's own
(SECURE_SSL_REDIRECT). One request per connection keeps it short: it is a test tool, not a
production proxy.

    python -m tests.tls_proxy --certs /tmp/certs --backend 127.0.0.1:18001 \
        --https 127.0.0.1:443 --http 127.0.0.1:80
"""

import argparse
import asyncio
import contextlib
import datetime
import ipaddress
import ssl
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

# Clients must not be able to claim HTTPS or another address: these are set by the proxy only.
DROPPED = {b"x-forwarded-proto", b"x-forwarded-for", b"x-forwarded-host", b"forwarded"}
HOP_BY_HOP = {b"connection", b"keep-alive", b"proxy-connection", b"upgrade"}


def make_certificates(directory: Path, hostname: str = "localhost") -> tuple[Path, Path, Path]:
    """Write a one-day CA (ca.pem) and a server certificate for hostname and 127.0.0.1 signed
    by it (cert.pem, key.pem); returns their paths. Clients trust ca.pem, e.g. with Node's
    NODE_EXTRA_CA_CERTS, so nothing is added to the machine's trust store."""
    directory.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Portal test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hostname)]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName(hostname), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_path, cert_path, key_path = (directory / name for name in ("ca.pem", "cert.pem", "key.pem"))
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    return ca_path, cert_path, key_path


def rewrite_head(head: bytes, *, scheme: str, peer: str) -> bytes:
    """The request line and headers as gunicorn should see them."""
    lines = head.rstrip(b"\r\n").split(b"\r\n")
    kept = [lines[0]]
    for line in lines[1:]:
        name = line.split(b":", 1)[0].strip().lower()
        if name not in DROPPED and name not in HOP_BY_HOP:
            kept.append(line)
    kept += [
        b"X-Forwarded-Proto: " + scheme.encode(),
        b"X-Forwarded-For: " + peer.encode(),
        b"Connection: close",
    ]
    return b"\r\n".join(kept) + b"\r\n\r\n"


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while chunk := await reader.read(65536):
            writer.write(chunk)
            await writer.drain()
    except (ConnectionError, ssl.SSLError):
        pass
    finally:
        if writer.can_write_eof():
            with contextlib.suppress(OSError, RuntimeError):
                writer.write_eof()


async def _handle(reader, writer, *, scheme: str, backend: tuple[str, int]) -> None:
    peer = writer.get_extra_info("peername") or ("127.0.0.1", 0)
    try:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=30)
        up_reader, up_writer = await asyncio.open_connection(*backend)
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, OSError):
        writer.close()
        return
    up_writer.write(rewrite_head(head, scheme=scheme, peer=peer[0]))
    upload = asyncio.create_task(_pipe(reader, up_writer))
    await _pipe(up_reader, writer)  # gunicorn closes after the response (Connection: close)
    upload.cancel()
    for w in (up_writer, writer):
        w.close()
        with contextlib.suppress(OSError, ssl.SSLError):
            await w.wait_closed()


def _address(text: str) -> tuple[str, int]:
    host, port = text.rsplit(":", 1)
    return host, int(port)


async def serve(*, certs: Path, backend: str, https: str, http: str | None) -> None:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(certs / "cert.pem", certs / "key.pem")
    target = _address(backend)
    servers = [
        await asyncio.start_server(
            lambda r, w: _handle(r, w, scheme="https", backend=target),
            *_address(https),
            ssl=context,
        )
    ]
    if http:
        servers.append(
            await asyncio.start_server(
                lambda r, w: _handle(r, w, scheme="http", backend=target), *_address(http)
            )
        )
    print("proxy ready", flush=True)
    await asyncio.gather(*(s.serve_forever() for s in servers))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--certs", type=Path, required=True, help="folder for ca/cert/key.pem")
    parser.add_argument("--hostname", default="localhost")
    parser.add_argument("--backend", default="127.0.0.1:18001", help="gunicorn's address")
    parser.add_argument("--https", default="127.0.0.1:443")
    parser.add_argument("--http", default="127.0.0.1:80", help="'' to answer HTTPS only")
    args = parser.parse_args()
    if not (args.certs / "cert.pem").exists():
        make_certificates(args.certs, args.hostname)
    asyncio.run(serve(certs=args.certs, backend=args.backend, https=args.https, http=args.http))


if __name__ == "__main__":
    main()
