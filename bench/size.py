"""One size of the benchmark, in its own process (the settings bind one database per process):

    DATABASE_URL=postgres://…/bench_x1 python -m bench.size --scale 1 --out x1.json

migrates the database, generates the data unless it is already there, makes the signed-in
sessions and counts each key page's queries in-process. `bench.__main__` then serves every
size with its own gunicorn (`serve`) and times them together over HTTP (`get`).
"""

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, url: str, cookie: str | None) -> tuple[int, float]:
    """One GET on a new connection (gunicorn's sync workers close each one); status, seconds."""
    headers = {"Host": "127.0.0.1", "Accept-Language": "fa"}
    if cookie:
        headers["Cookie"] = cookie
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", url, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def session_cookie(user) -> str:
    """A signed-in session made server-side, as allauth's sign-in would leave it: the record of
    the factors given (a password and, for staff, the code of their authenticator app) included,
    so the second-factor middleware lets it through as it would a real sign-in."""
    from importlib import import_module

    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
    from allauth.account.internal.flows.login import _AUTHENTICATION_METHODS_USER_SESSION_KEY
    from allauth.mfa.models import Authenticator
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from intlaffairs.middleware import SESSION_STARTED

    now = time.time()
    records = [{"method": "password", "at": now, "email": user.email}]
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        records.append({"method": "mfa", "at": now, "type": Authenticator.Type.TOTP})
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[SESSION_STARTED] = now
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


# The document check is rate-limited per address (30 a minute); the bench asks it from one.
UNTHROTTLED = {"DOCUMENT_VERIFY_RATE_LIMIT": "1000000/m/ip"}


def serve(port: int, workers: int, database_url: str) -> subprocess.Popen:
    env = {**os.environ, "PLAIN_HTTP": "1", "DATABASE_URL": database_url, **UNTHROTTLED}
    env.pop("DEBUG", None)
    process = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "intlaffairs.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "300",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # A loaded machine (a test run beside it) can take minutes to import Django.
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if get(port, "/ping/", None)[0] == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intlaffairs.settings")
    os.environ["PLAIN_HTTP"] = "1"
    os.environ.update(UNTHROTTLED)
    django.setup()
    from django.core.management import call_command

    from agreements.models import Agreement

    from . import data, pages

    result: dict = {"scale": args.scale}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    result["migrate_seconds"] = time.perf_counter() - started
    if Agreement.objects.exists():
        result["generated"] = None  # kept from an earlier run
    else:
        started = time.perf_counter()
        result["generated"] = data.generate(args.scale)
        result["generate_seconds"] = time.perf_counter() - started
        print(f"  generated {result['generated']} in {result['generate_seconds']:.1f}s")
    users = data.staff_users()
    key = pages.key_pages()
    measured = [*pages.BASELINES, *key]
    cookies = {role: session_cookie(user) for role, user in users.items()}
    result["queries"] = pages.query_counts(measured, cookies)
    result["trivial"] = {page.label: pages.TRIVIAL[page.role].label for page in measured}
    result["trivial_anonymous"] = pages.TRIVIAL[None].label
    result["pages"] = [
        {"label": page.label, "url": page.url, "role": page.role} for page in measured
    ]
    result["cookies"] = cookies
    Path(args.out).write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    sys.exit(main())
