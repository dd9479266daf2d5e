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
# The databases' NAME and TEST before any session. Sessions leave them changed (the test
# database's name in NAME, which --reuse-db does not put back; the suffix in TEST), and the
# sessions of one process, and the processes forked from it, share the settings.
_first_settings: dict[str, dict] | None = None


def _slot() -> int:
    """A slot no other running process holds, kept for the rest of this process."""
    global _held
    if _held and _held[0] == os.getpid():  # a second session in the same process
        return _held[1]
    folder = Path(tempfile.gettempdir()) / f"intlaffairs-mutation-{os.getuid()}"
    folder.mkdir(exist_ok=True)
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

    global _first_settings
    if _first_settings is None:
        _first_settings = {
            alias: {"NAME": database["NAME"], "TEST": dict(database.get("TEST", {}))}
            for alias, database in settings.DATABASES.items()
        }
    for alias, database in settings.DATABASES.items():
        first = _first_settings[alias]
        database.update(NAME=first["NAME"], TEST=dict(first["TEST"]))
    os.environ["TOX_PARALLEL_ENV"] = f"mutant{_slot()}"


@pytest.fixture(scope="session", autouse=True)
def _migration_data_of_a_kept_database(request):
    """A kept test database may have lost the rows of the data migrations: a transactional test
    at the end of an earlier session (this module's or another module's, in the same slot)
    flushed it, and --reuse-db does not migrate again. Without them a mutant's tests would
    fail for that, not for the mutant; so they are written again before the first test."""
    if not any(
        item.get_closest_marker("django_db") or "django_db_setup" in item.fixturenames
        for item in request.session.items
    ):
        return  # no test here uses the database (jalali, normalize)
    request.getfixturevalue("django_db_setup")
    from tests.conftest import migration_data_write

    with request.getfixturevalue("django_db_blocker").unblock():
        migration_data_write()
