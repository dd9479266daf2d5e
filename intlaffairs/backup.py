"""Backups and the restore drill: the database (pg_dump's custom format, or SQLite's online
backup), the uploaded files, and a manifest of row counts and file checksums that a restore
checks before it says the copy is whole.

Uploaded files are copied when they are on this machine's disk (MEDIA_ROOT). When they are in an
S3-compatible bucket (S3_BUCKET, several machines) the bucket keeps them: the backup holds the
database only, its manifest says so, and the bucket is protected by its own means (versioning,
replication, `rclone sync`); see README, "Running on several machines"."""

import hashlib
import json
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
DUMP = "database.dump"
FILES = "media.tar.gz"


class RestoreError(Exception):
    """The copy does not match its manifest."""


def _database() -> dict:
    return settings.DATABASES["default"]


def _pg_env(db: dict) -> dict:
    import os

    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise RestoreError(f"{name} is not installed (Debian: postgresql-client)")
    return path


def _pg_args(db: dict) -> list[str]:
    args = ["--host", str(db.get("HOST") or "127.0.0.1"), "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return args


def row_counts() -> dict[str, int]:
    """Rows in every table of every installed model (history tables included)."""
    counts = {}
    tables = set(connection.introspection.table_names())
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table in tables and table not in counts:
            counts[table] = model._base_manager.using("default").count()
    return dict(sorted(counts.items()))


def file_checksums(root: Path) -> dict[str, str]:
    sums = {}
    if root.exists():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            sums[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return sums


def local_media() -> Path | None:
    """MEDIA_ROOT when uploads are stored on this machine's disk, None for an object store."""
    from django.core.files.storage import FileSystemStorage, storages

    return Path(settings.MEDIA_ROOT) if isinstance(storages["default"], FileSystemStorage) else None


def backup(target: Path) -> Path:
    """Write a backup into a new directory under `target`; returns that directory."""
    folder = Path(target) / timezone.now().strftime("%Y%m%d-%H%M%S")
    folder.mkdir(parents=True)
    db = _database()
    if connection.vendor == "postgresql":
        subprocess.run(  # noqa: S603 - fixed program; arguments come from settings
            [_program("pg_dump"), *_pg_args(db), "--format=custom", "--no-owner", "--file",
             str(folder / DUMP), str(db["NAME"])],
            check=True, env=_pg_env(db),
        )  # fmt: skip
    else:
        with sqlite3.connect(db["NAME"]) as source, sqlite3.connect(folder / DUMP) as copy:
            source.backup(copy)
    media = local_media()
    with tarfile.open(folder / FILES, "w:gz") as archive:
        if media is not None and media.exists():
            archive.add(media, arcname=".")
    manifest = {
        "made_at": timezone.now().isoformat(),
        "vendor": connection.vendor,
        "rows": row_counts(),
        "files": file_checksums(media) if media is not None else {},
        "files_in": "backup" if media is not None else "object storage (not in this backup)",
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return folder


def restore(folder: Path) -> dict:
    """Load a backup into the configured (empty) database and MEDIA_ROOT, then check that
    every table's row count and every file's checksum match the manifest."""
    folder = Path(folder)
    manifest = json.loads((folder / MANIFEST).read_text())
    db = _database()
    if manifest["vendor"] != connection.vendor:
        raise RestoreError(f"a {manifest['vendor']} backup cannot go into {connection.vendor}")
    # Refused before anything is loaded, so the database stays empty for the next attempt.
    media = local_media()
    if media is None and manifest["files"]:
        raise RestoreError(
            "this backup holds uploaded files but the portal stores them in S3_BUCKET: "
            "restore with S3_BUCKET unset, then copy MEDIA_ROOT into the bucket"
        )
    if connection.vendor == "postgresql":
        connection.close()
        subprocess.run(  # noqa: S603 - fixed program; arguments come from settings
            [_program("pg_restore"), *_pg_args(db), "--no-owner", "--exit-on-error", "--dbname",
             str(db["NAME"]), str(folder / DUMP)],
            check=True, env=_pg_env(db),
        )  # fmt: skip
    else:
        connection.close()
        # SQLite's own backup, not a file copy: the demo's database is in WAL mode, and a copied
        # file would sit beside the old database's -wal file.
        with sqlite3.connect(folder / DUMP) as source, sqlite3.connect(db["NAME"]) as target:
            source.backup(target)
    if media is not None:
        media.mkdir(parents=True, exist_ok=True)
        with tarfile.open(folder / FILES, "r:gz") as archive:
            archive.extractall(media, filter="data")  # no absolute paths, links or devices
    rows, files = row_counts(), file_checksums(media) if media is not None else {}
    wrong_rows = {t: (n, rows.get(t)) for t, n in manifest["rows"].items() if rows.get(t) != n}
    wrong_files = [name for name, digest in manifest["files"].items() if files.get(name) != digest]
    if wrong_rows or wrong_files:
        raise RestoreError(f"rows differ: {wrong_rows}; files differ: {wrong_files}")
    return {"tables": len(rows), "rows": sum(rows.values()), "files": len(files)}
