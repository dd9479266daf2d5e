"""Mozilla's HTTP Observatory grades the portal A+ when it runs as in production: gunicorn with
DEBUG off behind a TLS-terminating proxy (tests/tls_proxy.py) with a certificate made here.

The Observatory's CLI (npm @mdn/mdn-http-observatory, a devDependency) scans
http://HOST/ and https://HOST/ on the standard ports only, so the proxy binds 127.0.0.1:80 and
:443 (root, or CAP_NET_BIND_SERVICE). It is run through src/scan.js rather than its bin
wrapper, which points NODE_EXTRA_CA_CERTS at a bundle its (skipped) install script would have
downloaded; ours points it at the test CA. README: "Checking the headers with the HTTP
Observatory".
"""

import json
import os
import shutil
import socket
import subprocess
import sys

import pytest

from ..serving import (
    PROCESSES,
    ROOT,
    free_port,
    production_env,
    require_or_skip,
    start_gunicorn,
    stop,
    wait_for_port,
)
from ..tls_proxy import make_certificates

pytestmark = PROCESSES

OBSERVATORY = ROOT / "node_modules/@mdn/mdn-http-observatory"
GUNICORN_PORT = free_port()


def ports_free(*ports: int) -> bool:
    """Nothing listens on `ports` (connections of an earlier scan waiting out TIME_WAIT do not
    count: servers bind with SO_REUSEADDR, and so does this probe)."""
    for port in ports:
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                return False
    return True


def report(result: dict) -> str:
    lines = [f"grade {result['scan']['grade']}, score {result['scan']['score']}"]
    for name, test in result["tests"].items():
        mark = "pass" if test["pass"] else "FAIL"
        lines.append(f"{mark} {test['scoreModifier']:+4d} {name}: {test['result']}")
    return "\n".join(lines)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_http_observatory_grades_the_portal_a_plus_behind_a_tls_proxy(
    needs_postgresql, tmp_path
):
    if not (OBSERVATORY / "src/scan.js").exists() or not shutil.which("node"):
        require_or_skip("the Observatory CLI is not in node_modules (npm ci) or node is missing")
    if not ports_free(80, 443):
        require_or_skip("ports 80 and 443 on 127.0.0.1 are taken or need root")

    ca, _, _ = make_certificates(tmp_path / "certs")
    log = tmp_path / "server.log"
    server = start_gunicorn(
        port=GUNICORN_PORT,
        env=production_env(MEDIA_ROOT=str(tmp_path / "media")),
        log=log,
    )
    proxy = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.tls_proxy",
            "--certs",
            str(tmp_path / "certs"),
            "--backend",
            f"127.0.0.1:{GUNICORN_PORT}",
        ],
        cwd=ROOT,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for_port(443, proxy, log)
        wait_for_port(80, proxy, log)
        scan = subprocess.run(
            ["node", str(OBSERVATORY / "src/scan.js"), "localhost"],
            env={**os.environ, "NODE_EXTRA_CA_CERTS": str(ca)},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        stop(proxy)
        stop(server)
    try:
        result = json.loads(scan.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"the scan printed no JSON:\n{scan.stdout}\n{scan.stderr}\n{log.read_text()}")
    assert "error" not in result, f"{result}\n{log.read_text()}"
    assert result["scan"]["grade"] == "A+", report(result)
    assert all(test["pass"] for test in result["tests"].values()), report(result)
    print(report(result))
