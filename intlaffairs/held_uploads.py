"""Uploads held while a form is shown again.

When a form with a file is refused for another field, the browser forgets the chosen file.
A checked upload is held instead: stored under held/ in the default storage, remembered in
the person's session under a random token, which the form carries back in a hidden field. Only
the session that held a file can use its token, so a token seen elsewhere is worthless. The
holding is released when the record is saved; files left by abandoned forms are removed by
`held_uploads_purge` after a day.
"""

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from .uploads import EXTENSIONS, validate_document

SESSION_KEY = "held_uploads"
FOLDER = "held"
KEEP_FOR = timedelta(days=1)


def hold(session, upload) -> str:
    """Check `upload` (PDF, JPEG or PNG) and hold it for this session; returns its token.
    Raises ValidationError for a file that would be refused anyway."""
    kind = validate_document(upload)
    token = secrets.token_urlsafe(16)
    name = default_storage.save(f"{FOLDER}/{token}.{EXTENSIONS[kind]}", upload)
    upload.seek(0)
    held = session.get(SESSION_KEY, {})
    held[token] = {"name": name, "original": upload.name[-100:]}
    session[SESSION_KEY] = held
    return token


def keep(session, token: str, upload) -> str:
    """After a refusal: the token to send back with the form. A newly chosen file that passes
    the checks replaces what was held; otherwise what was held (if anything) stays."""
    if upload is not None:
        try:
            new = hold(session, upload)
        except ValidationError:
            pass  # the form already says what is wrong with this file
        else:
            release(session, token)
            return new
    return token if held_file(session, token) is not None else ""


def held_file(session, token: str) -> File | None:
    """The file held under `token` by this session, or None."""
    entry = session.get(SESSION_KEY, {}).get(token) if token else None
    if entry is None or not default_storage.exists(entry["name"]):
        return None
    return File(default_storage.open(entry["name"], "rb"), name=entry["original"])


def release(session, token: str) -> None:
    """Forget the file held under `token` and delete it."""
    held = session.get(SESSION_KEY, {})
    entry = held.pop(token, None)
    if entry is None:
        return
    session[SESSION_KEY] = held
    default_storage.delete(entry["name"])


def held_uploads_purge(*, now=None) -> int:
    """Delete held files older than KEEP_FOR (forms never sent again); returns how many."""
    limit = (now or timezone.now()) - KEEP_FOR
    try:
        _folders, names = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    removed = 0
    for name in names:
        path = f"{FOLDER}/{name}"
        if default_storage.get_modified_time(path) < limit:
            default_storage.delete(path)
            removed += 1
    return removed


def held_name(session, token: str) -> str:
    """The name the person's file had, to show them what is kept ("" if nothing is)."""
    entry = session.get(SESSION_KEY, {}).get(token) if token else None
    return entry["original"] if entry else ""
