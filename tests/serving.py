"""Real gunicorn and Celery processes for tests that need the portal as it runs in production:
served by another process, configured only through the environment, reading the test database."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent

# pytest-xdist names its workers gw0, gw1, …; a run without it is one worker, number 0.
WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))


class RedisDatabase:
    """The Redis databases of one test worker: three of Redis's sixteen, counted down from 15,
    so that five workers fit. The tests empty them, so no two workers may share one."""

    CACHE = 0  # the tests' own process (sessions, rate limits), and servers that share it
    BROKER = 1  # the Celery broker of the workers tests/reliability starts and kills
    SERVER_CACHE = 2  # the cache of the gunicorn that the concurrent submissions go to
    PER_WORKER = 3


def redis_url(database: int, *, worker: int = WORKER) -> str:
    """REDIS_URL's server, at the worker's database of that kind (a RedisDatabase)."""
    number = 15 - RedisDatabase.PER_WORKER * worker - database
    if number < 0:
        raise RuntimeError("more test workers than Redis has databases for; use fewer (-n)")
    return urlsplit(os.environ["REDIS_URL"])._replace(path=f"/{number}").geturl()


# Tests that start servers and workers of their own run one after another on one test worker
# (`--dist loadgroup`): together they would starve each other of the machine's cores.
PROCESSES = pytest.mark.xdist_group("processes")


def require_or_skip(reason: str) -> None:
    """Skip on a developer's machine; fail where REQUIRE_BROWSER=1 (CI) promises the tools."""
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def database_url() -> str:
    """The URL of the database this test uses (pytest-django's test_… database)."""
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


def production_env(**overrides: str) -> dict:
    """The test process's environment turned into a production one: HTTPS only, DEBUG off."""
    env = {k: v for k, v in os.environ.items() if k not in {"PLAIN_HTTP", "DEBUG"}}
    env.update(
        DEBUG="0",
        SECRET_KEY="a-long-random-secret-for-the-production-like-test-server-0123456789",
        DATABASE_URL=database_url(),
        BEHIND_TLS_PROXY="1",
        ALLOWED_HOSTS="localhost,127.0.0.1",
        ALLOW_DEMO_DATA="0",
    )
    env.update(overrides)
    return env


def spawn(module_and_args: list[str], env: dict, log: Path) -> subprocess.Popen:
    """`python -m …` in the project, its output appended to `log`, in a session of its own
    (so that stop() ends the processes it starts too)."""
    return subprocess.Popen(
        [sys.executable, "-m", *module_and_args],
        cwd=ROOT,
        env=env,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def start_gunicorn(
    *, port: int, env: dict, log: Path, workers: int = 2, options: tuple[str, ...] = ()
) -> subprocess.Popen:
    """gunicorn serving the portal on 127.0.0.1:`port`, once it listens; `options` are more of
    gunicorn's own (threads, timeout)."""
    process = spawn(
        [
            "gunicorn",
            "intlaffairs.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--forwarded-allow-ips",
            "127.0.0.1",
            "--no-control-socket",
            *options,
        ],
        env,
        log,
    )
    wait_for_port(port, process, log)
    return process


def wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server on port {port} exited:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"nothing listens on port {port} after {timeout}s:\n{log.read_text()}")


def start_celery_worker(
    env: dict, log: Path, *, app: str = "intlaffairs", concurrency: int = 1
) -> subprocess.Popen:
    """A Celery worker of `app` (stop() ends its pool processes too)."""
    return spawn(
        [
            "celery",
            "-A",
            app,
            "worker",
            f"--concurrency={concurrency}",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=INFO",
        ],
        env,
        log,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    """Ends `process` and, when it leads a session of its own, every process it started."""
    if process.poll() is not None:
        return
    group = os.getpgid(process.pid) == process.pid

    def send(sig: int) -> None:
        if group:
            os.killpg(process.pid, sig)
        else:
            process.send_signal(sig)

    send(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        send(signal.SIGKILL)
        process.wait(timeout=5)
