"""Pagination shared by the list pages (the context `partials/pagination.html` expects).

Counting every row of a large table on each page view costs time that grows with the table
(a plain Paginator's COUNT(*) was 2.6 times slower at 100 times the data), so the count stops
at a cap: `SELECT count(*) FROM (… LIMIT cap + 1)`. Past the cap the page says "more than N"
and offers the next page; asking for a page further on moves the cap along with it.
"""

import math

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from . import navigation, waiting
from .counting import rows_to_count

PAGE_SIZE = 25
COUNT_CAP = 1000  # rows; 40 pages of 25
# The furthest page the count reaches for; a page number past it (?page=10**20 would put a
# number beyond bigint into the SQL) shows the last page counted, as Django's get_page does.
MAX_PAGE = 10_000


class CappedPaginator(Paginator):
    """A Paginator that counts at most `cap` rows past the start of the page asked for.

    When there are more, `count` is one more than it counted (so the last page it knows of has
    a next page), `is_capped` is true and `known_count` / `known_pages` say how many it knows.
    """

    def __init__(self, object_list, per_page, *, cap: int = COUNT_CAP, wanted_page=None):
        super().__init__(object_list, per_page)
        try:
            wanted = min(max(int(wanted_page), 1), MAX_PAGE)
        except (TypeError, ValueError):
            wanted = 1
        self.limit = max(cap, wanted * per_page)

    @cached_property
    def count(self) -> int:
        # Unordered and by the keys alone (counting.rows_to_count): the list's order made
        # PostgreSQL walk its index until it had counted them all (a queue whose rows are rare
        # among the newest: 174 ms at ×100), its annotations were computed for every row.
        return rows_to_count(self.object_list)[: self.limit + 1].count()

    @property
    def is_capped(self) -> bool:
        return self.count > self.limit

    @property
    def known_count(self) -> int:
        return min(self.count, self.limit)

    @property
    def known_pages(self) -> int:
        return max(1, math.ceil(self.known_count / self.per_page))


def paginate(
    request, queryset, *, size: int = PAGE_SIZE, param: str = "page", cap: int | None = None
) -> dict:
    """`page` (the requested page of `queryset`), `query_string` (the other GET parameters,
    for the page links) and `page_param`, the parameter that names the page: a second list on
    the same page takes its own, so that paging one keeps the other where it is.

    `cap` is how far the count reads (the paginator's). A list opened from the desk on one of
    the person's queues (`?waiting=`) counts as far as the desk's badge did ("99+"): a queue
    is rows of one table that another table's rows decide (a review late, a transfer
    unconfirmed), which PostgreSQL cannot estimate, and counting to a thousand it read every
    row of both (15 ms for the overdue reviews at ×100, 0.6 ms to a hundred)."""
    if cap is None:
        cap = navigation.BADGE_MOST if request.GET.get(waiting.PARAMETER) else COUNT_CAP
    params = request.GET.copy()
    params.pop(param, None)
    wanted = request.GET.get(param)
    return {
        "page": CappedPaginator(queryset, size, cap=cap, wanted_page=wanted).get_page(wanted),
        "query_string": params.urlencode(),
        "page_param": param,
    }
