"""Loaded into every pytest session of `make mutation` (pyproject.toml, [tool.mutmut]).

mutmut runs each mutant's tests in a process of its own, several at once (MUTATION_CHILDREN).
With --reuse-db they would all use one PostgreSQL test database; instead each process takes a
free slot, held by a file lock until it ends, and the test database of that slot
(test_<name>_mutant<slot>, through pytest-django's TOX_PARALLEL_ENV suffix). The next mutant
to take the slot finds that database ready.
"""

import fcntl
import os
import tempfile
from pathlib import Path

import pytest

SLOTS = 32
_held: tuple[int, int, object] | None = None  # (process id, slot, the locked file)
# A transactional test flushes the database at its end: the rows of the data migrations go,
# and --reuse-db does not migrate again, so the next session in the slot would fail tests for
# that, not for its mutant. Such a session marks its slot; the next one creates its database
# anew (--create-db) and clears the mark.
_flushing = False
_uses_database = False
# The databases' NAME and TEST before any session. Sessions leave them changed (the test
# database's name in NAME, which --reuse-db does not put back; the suffix in TEST), and the
# sessions of one process, and the processes forked from it, share the settings.
_first_settings: dict[str, dict] | None = None


def _folder() -> Path:
    folder = Path(tempfile.gettempdir()) / f"intlaffairs-mutation-{os.getuid()}"
    folder.mkdir(exist_ok=True)
    return folder


def _slot() -> int:
    """A slot no other running process holds, kept for the rest of this process."""
    global _held
    if _held and _held[0] == os.getpid():  # a second session in the same process
        return _held[1]
    folder = _folder()
    for slot in range(SLOTS):
        handle = open(folder / f"{slot}.lock", "w")  # noqa: SIM115 - held until the process ends
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            continue
        _held = (os.getpid(), slot, handle)
        return slot
    raise RuntimeError(f"more than {SLOTS} pytest sessions of make mutation at once")


def pytest_sessionstart(session) -> None:
    from django.conf import settings

    global _first_settings, _flushing, _uses_database
    _flushing = _uses_database = False  # a forked process starts a session of its own
    if _first_settings is None:
        _first_settings = {
            alias: {"NAME": database["NAME"], "TEST": dict(database.get("TEST", {}))}
            for alias, database in settings.DATABASES.items()
        }
    for alias, database in settings.DATABASES.items():
        first = _first_settings[alias]
        database.update(NAME=first["NAME"], TEST=dict(first["TEST"]))
    os.environ["TOX_PARALLEL_ENV"] = f"mutant{_slot()}"
    if _flushed_mark().exists():
        session.config.option.create_db = True


def _flushed_mark() -> Path:
    return _folder() / f"{_slot()}.flushed"


def pytest_runtest_setup(item) -> None:
    global _flushing, _uses_database
    marker = item.get_closest_marker("django_db")
    if marker or "django_db_setup" in item.fixturenames:
        _uses_database = True
    if marker and marker.kwargs.get("transaction"):
        _flushing = True
        _flushed_mark().touch()  # before the test: a test that hangs is killed, not finished


def pytest_sessionfinish(session) -> None:
    if not _flushing and _uses_database and session.config.option.create_db:
        _flushed_mark().unlink(missing_ok=True)


@pytest.fixture(scope="session", autouse=True)
def _migration_data_again(request, django_db_setup, django_db_blocker) -> None:
    """The rows of the data migrations (document types, role groups, ...), written again
    before the first test: cheap, and it covers a slot flushed by a session that did not mark
    it (a run of an older plugin, a killed process). Without them a test that needs a
    document type passed in the tree and failed in mutmut's copy (the receipt listed no file).

    Only when the session's tests use the database: pytest-django sets up no test database
    for a session of tests that do not, and the write then went to the real database's name
    and failed every such session, which mutmut counted as a killed mutant."""
    from pytest_django.fixtures import _get_databases_for_setup  # what django_db_setup set up

    from tests.conftest import migration_data_write

    if "default" not in _get_databases_for_setup(request.session.items)[0]:
        return
    with django_db_blocker.unblock():
        migration_data_write()
