"""One size of the benchmark, in its own process (the settings bind one database per process):

    DATABASE_URL=postgres://…/bench_x1 python -m bench.size --scale 1 --out x1.json

migrates the database, generates the data unless it is already there, counts each key page's
queries in-process, then serves the portal with gunicorn and times the pages over HTTP.
"""

import argparse
import http.client
import json
import os
import socket
import statistics
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
    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
    from allauth.account.internal.flows.login import _AUTHENTICATION_METHODS_USER_SESSION_KEY
    from allauth.mfa.models import Authenticator
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from intlaffairs.middleware import SESSION_STARTED

    now = time.time()
    records = [{"method": "password", "at": now, "email": user.email}]
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        records.append({"method": "mfa", "at": now, "type": Authenticator.Type.TOTP})
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[SESSION_STARTED] = now
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def serve(port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "PLAIN_HTTP": "1"}
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
    deadline = time.monotonic() + 60
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
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intlaffairs.settings")
    os.environ["PLAIN_HTTP"] = "1"
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
    result["roles"] = {page.label: page.role for page in measured}
    result["baselines"] = [page.label for page in pages.BASELINES]
    port = free_port()
    server = serve(port, args.workers)
    # Rounds: each round asks for every page once, so whatever else the machine is doing
    # weighs on all pages alike and the ratios stay fair.
    seconds: dict[str, list[float]] = {page.label: [] for page in measured}
    try:
        for round_number in range(args.warmup + args.requests):
            for page in measured:
                status, elapsed = get(port, page.url, cookies.get(page.role))
                if status != 200:
                    raise RuntimeError(f"{page.url} answered {status} over HTTP")
                if round_number >= args.warmup:
                    seconds[page.label].append(elapsed)
    finally:
        server.terminate()
        server.wait(timeout=30)
    timings = {
        label: {"p50": statistics.median(values), "p95": percentile(values, 0.95)}
        for label, values in seconds.items()
    }
    for label, timing in timings.items():
        print(
            f"  x{args.scale:g} {label:<34} p50 {timing['p50'] * 1000:7.1f} ms"
            f"  queries {result['queries'][label]}",
            flush=True,
        )
    result["timings"] = timings
    Path(args.out).write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    sys.exit(main())
