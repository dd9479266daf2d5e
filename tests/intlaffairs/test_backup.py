"""The restore drill: a backup restored into a fresh PostgreSQL database has the same row
counts and file checksums as its source, uploaded files included (CI runs it)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile

from intlaffairs.backup import backup

from ..factories import AgreementFactory
from ..serving import PROCESSES

pytestmark = PROCESSES

ROOT = Path(__file__).resolve().parents[2]


def fresh_database(name: str) -> str:
    import psycopg2

    db = settings.DATABASES["default"]
    admin = psycopg2.connect(
        host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"],
        password=db["PASSWORD"], dbname="postgres",
    )  # fmt: skip
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def drop_database(name: str) -> None:
    import psycopg2

    db = settings.DATABASES["default"]
    admin = psycopg2.connect(
        host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"],
        password=db["PASSWORD"], dbname="postgres",
    )  # fmt: skip
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def restore_into(url: str, media: Path, folder: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": str(media), "REDIS_URL": ""}
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(folder)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restores_whole_into_a_fresh_database(
    needs_postgresql, tmp_path, settings, administrator
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    from agreements.models import SignedFile

    agreement = AgreementFactory()
    signed = SignedFile(
        agreement=agreement, title="Signed copy", original_name="s.pdf", size=9,
        uploaded_by=administrator,
    )  # fmt: skip
    signed.file.save("s.pdf", ContentFile(b"%PDF-1.4\n%signed\n"), save=True)
    folder = backup(tmp_path / "backups")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["rows"]["agreements_agreement"] == 1
    assert len(manifest["files"]) == 1

    name = f"restore_drill_{os.getpid()}"
    try:
        result = restore_into(fresh_database(name), tmp_path / "restored", folder)
        assert result.returncode == 0, result.stderr
        assert "Restored and checked" in result.stdout
        restored = tmp_path / "restored" / next(iter(manifest["files"]))
        assert restored.read_bytes() == b"%PDF-1.4\n%signed\n"

        # A copy that does not match its manifest is reported, not trusted.
        manifest["rows"]["agreements_agreement"] = 2
        (folder / "manifest.json").write_text(json.dumps(manifest))
        result = restore_into(fresh_database(name), tmp_path / "again", folder)
        assert result.returncode != 0
        assert "does not match" in result.stderr
    finally:
        drop_database(name)
