"""What an administrator copies onto a server (deploy/, README "Install on a server") works:
the nginx site passes `nginx -t` and, in front of a real gunicorn, signs in over HTTPS,
redirects HTTP, lets the largest upload through and turns a bigger one into the portal's own
page; the systemd units pass `systemd-analyze verify`; the environment file names every
variable; the upgrade script migrates before new code serves.

nginx runs here from a test nginx.conf that includes a copy of the site with its ports,
certificate and upstream rewritten (free ports; 80 and 443 only for the Observatory's scan).
"""

import io
import json
import os
import re
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from agreements.models import SignedFile
from intlaffairs.roles import Role
from intlaffairs.uploads import MAX_PDF_BYTES, too_large_message

from ..factories import AgreementFactory
from ..intlaffairs.test_multi_node import sign_in
from ..intlaffairs.test_observatory import OBSERVATORY, ports_free, report
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

DEPLOY = ROOT / "deploy"
SITE = DEPLOY / "nginx/intlaffairs.conf"
UNITS = sorted((DEPLOY / "systemd").glob("intlaffairs-*"))
SERVICES = [unit for unit in UNITS if unit.suffix == ".service"]
LONG_RUNNING = ["intlaffairs-web.service", "intlaffairs-worker.service", "intlaffairs-beat.service"]
GUNICORN_PORT = free_port()
MIB = 1024 * 1024


def nginx() -> str:
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if not found:
        require_or_skip("nginx is not installed (apt-get install nginx)")
    return found


def rewritten(text: str, replacements: dict[str, str]) -> str:
    """`text` with each key replaced; a key that is not there fails, so that a change to the
    shipped file cannot make the test check something else than the file."""
    for old, new in replacements.items():
        assert old in text, f"{old!r} is no longer in the file"
        text = text.replace(old, new)
    return text


def dhparam(tmp_path: Path) -> Path:
    """The RFC 7919 group for the DHE ciphers, written as README step 4 does."""
    path = tmp_path / "ffdhe2048.pem"
    subprocess.run(
        [
            "openssl",
            "genpkey",
            "-genparam",
            "-algorithm",
            "DH",
            "-pkeyopt",
            "group:ffdhe2048",
            "-out",
            str(path),
        ],
        check=True,
        capture_output=True,
    )
    return path


def nginx_prefix(tmp_path: Path, *, http: int, https: int, backend: int) -> Path:
    """A folder holding nginx.conf, which includes a copy of the site, and everything nginx
    writes; returns it (nginx's -p)."""
    prefix = tmp_path / "nginx"
    for folder in ("temp", "logs"):
        (prefix / folder).mkdir(parents=True, exist_ok=True)
    _, cert, key = make_certificates(tmp_path / "certs")
    site = rewritten(
        SITE.read_text(),
        {
            "    listen [::]:80;\n": "",
            "    listen [::]:443 ssl http2;\n": "",
            "listen 80;": f"listen 127.0.0.1:{http};",
            "listen 443 ssl http2;": f"listen 127.0.0.1:{https} ssl http2;",
            "server_name international.example.org;": "server_name localhost;",
            "/etc/letsencrypt/live/international.example.org/fullchain.pem": str(cert),
            "/etc/letsencrypt/live/international.example.org/privkey.pem": str(key),
            "server 127.0.0.1:8000;": f"server 127.0.0.1:{backend};",
            "/etc/nginx/ffdhe2048.pem": str(dhparam(tmp_path)),
        },
    )
    (prefix / "site.conf").write_text(site)
    temp = prefix / "temp"
    # Run as root, nginx's workers would be `nobody`, who cannot write into pytest's folders.
    user = "user root root;\n" if os.geteuid() == 0 else ""
    (prefix / "nginx.conf").write_text(
        f"{user}worker_processes 1;\npid {prefix}/nginx.pid;\nerror_log {prefix}/logs/error.log;\n"
        "events { worker_connections 64; }\n"
        "http {\n"
        f"    access_log {prefix}/logs/access.log;\n"
        f"    client_body_temp_path {temp}/body;\n    proxy_temp_path {temp}/proxy;\n"
        f"    fastcgi_temp_path {temp}/fastcgi;\n    uwsgi_temp_path {temp}/uwsgi;\n"
        f"    scgi_temp_path {temp}/scgi;\n"
        f"    include {prefix}/site.conf;\n"
        "}\n"
    )
    return prefix


def nginx_command(prefix: Path, *args: str) -> list[str]:
    return [
        nginx(),
        "-p",
        str(prefix),
        "-c",
        str(prefix / "nginx.conf"),
        "-e",
        str(prefix / "logs/error.log"),
        *args,
    ]


@contextmanager
def portal_behind_nginx(tmp_path: Path, *, http: int, https: int):
    """gunicorn as in production (BEHIND_TLS_PROXY) behind nginx with the shipped site."""
    log = tmp_path / "server.log"
    prefix = nginx_prefix(tmp_path, http=http, https=https, backend=GUNICORN_PORT)
    env = production_env(BEHIND_TLS_PROXY="1", MEDIA_ROOT=str(tmp_path / "media"))
    server = start_gunicorn(port=GUNICORN_PORT, env=env, log=log, workers=2)
    proxy = None
    try:
        proxy = subprocess.Popen(
            nginx_command(prefix, "-g", "daemon off;"),
            stdout=log.open("a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for_port(https, proxy, log)
        wait_for_port(http, proxy, log)
        yield log
    finally:
        if proxy is not None:
            stop(proxy)
        stop(server)


def pdf_of_size(size: int) -> bytes:
    """A real PDF of exactly `size` bytes: one page whose content stream is a long comment."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    def build(padding: int) -> bytes:
        writer = PdfWriter()
        page = writer.add_blank_page(width=595, height=842)
        content = DecodedStreamObject()
        content.set_data(b"%" + b"x" * padding + b"\n")
        page[NameObject("/Contents")] = writer._add_object(content)
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()

    padding = size
    for _ in range(3):  # the stream's /Length has as many digits once close to the size
        data = build(padding)
        padding += size - len(data)
    assert len(data) == size
    return data


def test_the_nginx_site_passes_nginx_t_with_a_certificate(tmp_path):
    prefix = nginx_prefix(tmp_path, http=free_port(), https=free_port(), backend=GUNICORN_PORT)
    result = subprocess.run(
        nginx_command(prefix, "-t"), capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr and "[warn]" not in result.stderr, result.stderr


def test_the_nginx_site_adds_no_header_and_takes_the_largest_upload():
    site = SITE.read_text()
    directives = [line.split("#", 1)[0].strip() for line in site.splitlines()]
    # The portal's own security headers are the only ones: nginx adds none and names no version.
    assert not [d for d in directives if d.startswith(("add_header", "more_set_headers"))]
    assert directives.count("server_tokens off;") == 2  # in both server blocks
    assert "ssl_protocols TLSv1.2 TLSv1.3;" in directives
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in directives
    limit = re.search(r"^\s*client_max_body_size (\d+)m;", site, re.M)
    assert limit, "no client_max_body_size"
    # The largest PDF and Django's own limit on the other fields fit, with room for multipart.
    needed = MAX_PDF_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert needed < int(limit.group(1)) * MIB <= needed + 2 * MIB


def unit_copies(tmp_path: Path) -> list[Path]:
    """The units with the server's paths pointed at this checkout (verify needs executables)."""
    copies = []
    for unit in UNITS:
        copy = tmp_path / unit.name
        copy.write_text(
            unit.read_text()
            .replace("/srv/intlaffairs/current", str(ROOT))
            .replace("/etc/intlaffairs/intlaffairs.env", str(DEPLOY / "intlaffairs.env"))
        )
        copies.append(copy)
    return copies


def test_the_systemd_units_pass_systemd_analyze_verify(tmp_path):
    if not shutil.which("systemd-analyze"):
        require_or_skip("systemd-analyze is not installed (apt-get install systemd)")
    assert {unit.name for unit in UNITS} >= {*LONG_RUNNING, "intlaffairs-backup.timer"}
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *map(str, unit_copies(tmp_path))],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    # An unknown or misspelt key is only a warning on stderr: none is allowed either.
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr + result.stdout


def settings_of(unit: Path) -> dict[str, list[str]]:
    """A unit's Key=value lines (continuations joined); a key may appear several times."""
    text = re.sub(r"\\\n\s*", " ", unit.read_text())
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        if "=" in line and not line.startswith(("#", ";", "[")):
            key, value = line.split("=", 1)
            found.setdefault(key.strip(), []).append(value.strip())
    return found


@pytest.mark.parametrize("unit", SERVICES, ids=lambda unit: unit.name)
def test_every_service_runs_unprivileged_hardened_from_the_environment_file(unit):
    values = settings_of(unit)
    assert values["User"] == ["intlaffairs"]
    assert values["EnvironmentFile"] == ["/etc/intlaffairs/intlaffairs.env"]
    for key, value in {
        "ProtectSystem": "strict",
        "PrivateTmp": "true",
        "NoNewPrivileges": "true",
        "ProtectHome": "true",
        "CapabilityBoundingSet": "",
    }.items():
        assert values.get(key) == [value], key
    assert values["ReadWritePaths"]
    if unit.name in LONG_RUNNING:
        assert values["Restart"] == ["on-failure"]


def test_the_units_start_gunicorn_with_its_config_and_beat_only_once():
    web = settings_of(DEPLOY / "systemd/intlaffairs-web.service")
    assert "--config gunicorn.conf.py" in web["ExecStart"][0]
    beat = (DEPLOY / "systemd/intlaffairs-beat.service").read_text()
    assert "EXACTLY ONE beat per installation" in beat
    timer = settings_of(DEPLOY / "systemd/intlaffairs-backup.timer")
    assert timer["OnCalendar"] and timer["Persistent"] == ["true"]
    backup = settings_of(DEPLOY / "systemd/intlaffairs-backup.service")
    assert "manage.py backup /var/backups/intlaffairs" in backup["ExecStart"][0]
    assert "KEEP_BACKUPS" in backup["ExecStartPost"][0]


def test_the_environment_file_names_every_variable_of_the_readme():
    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Environment variables", 1)[1].split("\n## ", 1)[0]
    documented = set()
    for row in table.splitlines():
        if row.startswith("| `"):
            documented |= set(re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split("|")[1]))
    assert len(documented) > 30
    written = set(
        re.findall(r"^#?([A-Z][A-Z0-9_]+)=", (DEPLOY / "intlaffairs.env").read_text(), re.M)
    )
    assert documented - written == set()


def test_the_upgrade_script_migrates_before_new_code_serves():
    script = (DEPLOY / "upgrade.sh").read_text()
    subprocess.run(["bash", "-n", str(DEPLOY / "upgrade.sh")], check=True)
    code = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("#"))

    def at(text: str) -> int:
        assert text in code, text
        return code.index(text)

    # Built and checked before anything running is touched ...
    for step in (
        "pip install",
        "compilemessages",
        "collectstatic",
        "check --deploy --fail-level WARNING",
    ):
        assert at(step) < at('systemctl stop "${WORKER_UNITS[@]}"'), step
    # ... then jobs stop, the schema changes, and only then does the new code start.
    assert at('systemctl stop "${WORKER_UNITS[@]}"') < at("migrate --noinput")
    assert at("migrate --noinput") < at('mv -T "$BASE/current.new" "$BASE/current"')
    assert at('mv -T "$BASE/current.new" "$BASE/current"') < at("systemctl restart intlaffairs-web")
    assert at("systemctl restart intlaffairs-web") < at('systemctl start "${WORKER_UNITS[@]}"')


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_behind_nginx_sign_in_redirect_and_upload_limits(
    needs_postgresql, needs_redis, make_user, tmp_path
):
    import requests

    nginx()
    manager = make_user(Role.MANAGER, email="manager@test.example", preferred_language="en")
    agreement = AgreementFactory(status="active")
    http, https = free_port(), free_port()
    ca = tmp_path / "certs/ca.pem"  # written by portal_behind_nginx
    with portal_behind_nginx(tmp_path, http=http, https=https) as log:
        base = f"https://localhost:{https}"
        browser = requests.Session()
        browser.verify = str(ca)
        browser.trust_env = False  # REQUESTS_CA_BUNDLE or a proxy of the machine would win
        # Over HTTPS the CSRF check wants a Referer of the same origin, as a browser sends.
        browser.headers["Referer"] = f"{base}/en/accounts/login/"
        sign_in(browser, base, manager)
        page = browser.get(f"{base}/en/dashboard/")
        assert page.status_code == 200, log.read_text()[-3000:]
        assert page.headers["Strict-Transport-Security"].startswith("max-age=31536000")
        assert page.headers["Server"] == "nginx"  # no version (server_tokens off)
        assert browser.cookies["sessionid"]  # the portal's Secure cookie, kept over HTTPS

        # Plain HTTP is sent to HTTPS, before the portal sees it.
        response = requests.get(
            f"http://localhost:{http}/en/?a=1",
            allow_redirects=False,
            timeout=30,
            proxies={"http": ""},
        )
        assert response.status_code == 301
        assert response.headers["Location"] == "https://localhost/en/?a=1"

        upload_url = f"{base}/en/agreements/{agreement.pk}/files/"
        form = {"title": "Signed copy", "csrfmiddlewaretoken": browser.cookies["csrftoken"]}
        browser.headers["Referer"] = upload_url
        # The largest PDF the portal takes passes nginx and is stored.
        largest = pdf_of_size(MAX_PDF_BYTES)
        response = browser.post(
            upload_url,
            data=form,
            files={"file": ("signed.pdf", largest, "application/pdf")},
            allow_redirects=False,
        )
        assert response.status_code == 302, response.text[:2000]
        stored = tmp_path / "media" / SignedFile.objects.get(agreement=agreement).file.name
        assert stored.stat().st_size == MAX_PDF_BYTES  # the server's MEDIA_ROOT

        # A body over nginx's limit: the portal's own page, in the language of the form's page.
        fa_url = upload_url.replace("/en/", "/fa/")
        browser.headers["Referer"] = fa_url
        response = browser.post(
            fa_url,
            data=form,
            files={"file": ("big.pdf", b"%PDF-1.7\n" + b"0" * (27 * MIB), "application/pdf")},
            allow_redirects=False,
        )
    assert response.status_code == 413
    with translation.override("fa"):
        expected = too_large_message()
    assert expected in response.text, response.text[:2000]
    assert "۲۰" in expected  # in the page's digits
    assert 'lang="fa"' in response.text
    assert "Content-Security-Policy" in response.headers  # the portal's page, not nginx's
    assert SignedFile.objects.filter(agreement=agreement).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_http_observatory_grades_the_portal_a_plus_behind_nginx(needs_postgresql, tmp_path):
    nginx()
    if not (OBSERVATORY / "src/scan.js").exists() or not shutil.which("node"):
        require_or_skip("the Observatory CLI is not in node_modules (npm ci) or node is missing")
    if not ports_free(80, 443):
        require_or_skip("ports 80 and 443 on 127.0.0.1 are taken or need root")
    with portal_behind_nginx(tmp_path, http=80, https=443) as log:
        scan = subprocess.run(
            ["node", str(OBSERVATORY / "src/scan.js"), "localhost"],
            env={**os.environ, "NODE_EXTRA_CA_CERTS": str(tmp_path / "certs/ca.pem")},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    try:
        result = json.loads(scan.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"the scan printed no JSON:\n{scan.stdout}\n{scan.stderr}\n{log.read_text()}")
    assert "error" not in result, f"{result}\n{log.read_text()}"
    assert result["scan"]["grade"] == "A+", report(result)
    assert all(test["pass"] for test in result["tests"].values()), report(result)
