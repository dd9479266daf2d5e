"""Many threads giving reference numbers at once in a file-based SQLite database, as the demo's
server threads do when applicants submit together. Run by test_sqlite_demo_writes in a process
of its own, whose DATABASE_URL names the file; prints what happened as JSON."""

import json
import sys
import threading

import django
from django.db import connection

THREADS = 12
EACH = 5


def main() -> None:
    django.setup()
    from students.models import ReferenceCounter
    from students.services import next_reference

    # The one table the submissions contend for: a full migrate would take ten seconds.
    with connection.schema_editor() as editor:
        editor.create_model(ReferenceCounter)
    connection.close()

    references: list[str] = []
    errors: list[str] = []
    start = threading.Barrier(THREADS)

    def submit() -> None:
        start.wait()
        try:
            for _ in range(EACH):
                references.append(next_reference(django.utils.timezone.localdate()))
        except Exception as error:  # reported to the test, with the others
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with connection.cursor() as cursor:
        journal_mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
    json.dump(
        {"references": references, "errors": errors, "journal_mode": journal_mode}, sys.stdout
    )


if __name__ == "__main__":
    main()
