"""Counting a page's queries as a person meets them, and asking PostgreSQL how it would run one."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def warm(client, url: str) -> None:
    """Ask `url` once, so that what every page of a person keeps in the cache (the menu's
    unread badge, intlaffairs.messaging.unread_count) is there, as on each page after their
    first: counts before and after adding rows then compare the page's own queries."""
    client.get(url)


def page_queries(client, url: str) -> int:
    """The queries of `url` asked a second time (see warm)."""
    warm(client, url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def plan(queryset) -> str:
    """PostgreSQL's plan for `queryset` unordered, sequential scans off: a test's tables are
    too small for an index to be worth it, and the question is whether one can serve (in its
    list's order, walking the order's index may look cheaper, after other tests' rows)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = queryset.order_by().query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())
