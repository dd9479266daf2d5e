"""`make demo` serves the portal as production does: gunicorn with gunicorn.conf.py, not Django's
development server."""

import os
import shlex
import subprocess

import requests

from .serving import PROCESSES, ROOT, free_port, stop, wait_for_port


def demo_server_command(port: int) -> str:
    """The last command `make demo` would run (make -n prints it without running anything)."""
    # Under `make test` this make is a sub-make: without the outer one's variables it prints
    # no "Entering directory" lines around the commands.
    env = {k: v for k, v in os.environ.items() if k not in {"MAKELEVEL", "MAKEFLAGS", "MFLAGS"}}
    printed = subprocess.run(
        ["make", "-n", "--no-print-directory", "demo", "HOST=127.0.0.1", f"PORT={port}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    return printed.replace("\\\n", " ").strip().splitlines()[-1]


def test_the_demo_is_served_by_gunicorn_with_the_projects_settings_file():
    command = shlex.split(demo_server_command(8766))
    program = next(word for word in command if "=" not in word)
    assert program.endswith("/gunicorn"), command
    assert "runserver" not in command
    assert command[command.index("--config") + 1] == "gunicorn.conf.py"
    assert command[command.index("--bind") + 1] == "127.0.0.1:8766"
    # One process: without Redis, rate limits and sessions live in its own memory.
    assert command[command.index("--workers") + 1] == "1"


def test_the_demo_writes_its_own_address_into_links_and_codes(monkeypatch):
    """Receipts' and letters' QR codes and e-mails' links point at the port the demo serves on."""
    monkeypatch.delenv("PORTAL_URL", raising=False)
    # the command's environment (what comes before the program), given to `env` instead
    environment = demo_server_command(8766).partition("/gunicorn")[0].rsplit(" ", 1)[0]
    shown = subprocess.run(
        ["bash", "-c", f"{environment} env"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout.splitlines()
    assert "PORTAL_URL=http://127.0.0.1:8766" in shown


@PROCESSES
def test_the_demo_server_answers_without_the_development_servers_header(tmp_path):
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG"}}
    env.update(
        SECRET_KEY="a-long-random-secret-for-the-demo-server-test-0123456789-abcdefghij",
        DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}",
    )
    log = tmp_path / "demo.log"
    server = subprocess.Popen(
        ["bash", "-c", demo_server_command(port)],
        cwd=ROOT,
        env=env,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for_port(port, server, log)
        response = requests.get(f"http://127.0.0.1:{port}/ping/", timeout=30)
    finally:
        stop(server)
    assert response.status_code == 200, log.read_text()
    assert response.text == "ok"
    assert "WSGIServer" not in response.headers.get("Server", "")
    assert "gunicorn" in response.headers.get("Server", "")
