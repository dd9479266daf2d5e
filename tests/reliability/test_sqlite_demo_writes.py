"""The demo's SQLite takes simultaneous submissions: no "database is locked", every reference
number given once. The test database is in memory, so this runs in a process of its own
against a file, with the project's settings."""

import json
import os
import subprocess
import sys

from ..serving import PROCESSES, ROOT
from .sqlite_writers import EACH, THREADS

pytestmark = PROCESSES


def test_simultaneous_submissions_on_the_demo_sqlite_get_unique_references(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "intlaffairs.settings",
        "PLAIN_HTTP": "1",
        "ALLOW_DEMO_DATA": "1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.reliability.sqlite_writers"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout)
    assert outcome["errors"] == []
    assert outcome["journal_mode"] == "wal"
    references = outcome["references"]
    assert len(references) == len(set(references)) == THREADS * EACH
