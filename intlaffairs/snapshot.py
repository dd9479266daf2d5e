"""Figures aggregated over whole tables, kept for a short while.

Counting every application by stage, or every active agreement by country, takes time that
grows with the tables, which the list pages and dashboards cannot afford at every view. They
take such figures from here: computed once, kept in the cache for at most SNAPSHOT_SECONDS,
and keyed by a version of the data where one is cheap (the newest `updated_at` and the highest
id of a table, both read through an index), so that any change saved through the portal shows
at once; the time limit bounds staleness for the rest (deletions, bulk updates, the clock).
Pages that show a snapshot say when it was computed.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db.models import Max, Model
from django.utils import timezone

SNAPSHOT_SECONDS = 300


def table_version(model: type[Model]) -> str:
    """Changes whenever a row of `model` is added or saved (one query, two index lookups;
    the model needs an index on `updated_at`)."""
    row = model._default_manager.order_by().aggregate(changed=Max("updated_at"), top=Max("pk"))
    changed = row["changed"].timestamp() if row["changed"] else 0
    return f"{changed}-{row['top'] or 0}"


def snapshot(
    name: str, compute: Callable[[], Any], *, version: str = "", seconds: int = SNAPSHOT_SECONDS
) -> tuple[Any, datetime]:
    """`compute()`'s value and when it was computed: from the cache if a snapshot of this
    name and version is younger than `seconds`. Values must not depend on the language."""
    key = f"snapshot:{name}:{version}"
    kept = cache.get(key)
    if kept is None:
        kept = (compute(), timezone.now())
        cache.set(key, kept, seconds)
    return kept
