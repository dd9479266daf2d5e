"""Counting a page's queries as a person meets them."""

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
