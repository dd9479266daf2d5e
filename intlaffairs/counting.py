"""Capped counts: the rows to count, and several counts in one query."""

from collections.abc import Sequence

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet


def rows_to_count(queryset: QuerySet) -> QuerySet:
    """`queryset` unordered and, for model instances, by their keys alone: a list's
    annotations (an interview's offered times, looked up per row) were computed for every row
    counted, and an order kept made PostgreSQL walk the list's index. A queryset of values
    (threads: DISTINCT content type and object) is counted by the rows it gives."""
    rows = queryset.order_by()
    return rows.values("pk") if rows._fields is None else rows


def count_each(querysets: Sequence[QuerySet], *, most: int) -> list[int]:
    """The rows of each queryset, counted no further than `most`, in one statement:
    SELECT (SELECT COUNT(*) FROM (… LIMIT most)), (…), …, for a page of several capped
    counts (the desk's queues, the search's kinds). A manager's desk asked eleven COUNTs one
    by one, and the round trips and Django's building of each count were half of its time."""
    if not querysets:
        return []
    columns, params = [], []
    for queryset in querysets:
        try:
            sql, row_params = rows_to_count(queryset)[:most].query.sql_with_params()
        except EmptyResultSet:  # none(), or `pk__in` an empty list: nothing to ask
            columns.append("0")
            continue
        # the SQL Django compiled, its values kept apart as parameters
        columns.append(f"(SELECT COUNT(*) FROM ({sql}) AS rows)")  # noqa: S608
        params.extend(row_params)
    with connections[querysets[0].db].cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)}", params)
        return list(cursor.fetchone())
