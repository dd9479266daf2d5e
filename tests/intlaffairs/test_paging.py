"""The list pages' paginator: counts stop at a cap, and any page number gives a page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.models import Agreement
from intlaffairs.counting import count_each
from intlaffairs.paging import CappedPaginator
from intlaffairs.roles import Role

from ..factories import AgreementFactory

pytestmark = pytest.mark.django_db


def test_counts_stop_at_the_cap_and_move_with_the_page_asked_for():
    rows = Agreement.objects.order_by("pk")
    AgreementFactory.create_batch(5)
    assert CappedPaginator(rows, 1).count == 5
    capped = CappedPaginator(rows, 1, cap=2)
    assert (capped.count, capped.is_capped, capped.known_count, capped.known_pages) == (
        3,
        True,
        2,
        2,
    )
    further = CappedPaginator(rows, 1, cap=2, wanted_page="4")  # the cap moves to page 4
    assert (further.count, further.is_capped) == (5, True)
    assert further.get_page("4").has_next()


@pytest.mark.parametrize("page", ["100000000000000000000", "-5", "abc", "2.5"])
def test_any_page_number_shows_a_page(client_as, page):
    AgreementFactory.create_batch(3)
    client = client_as(Role.OFFICER)
    response = client.get("/en/agreements/", {"page": page})
    assert response.status_code == 200
    assert response.context["page"].number == 1  # the only page, or the first
    assert client.get("/en/exchanges/courses/", {"page": page}).status_code == 200  # public


def test_the_count_asks_for_no_order():
    """How many rows there are up to the cap does not depend on their order; an order kept in
    the count made PostgreSQL walk the list's index to the end (174 ms at ×100)."""
    AgreementFactory.create_batch(3)
    paginator = CappedPaginator(Agreement.objects.order_by("-created_at", "-pk"), 2, cap=5)
    with CaptureQueriesContext(connection) as captured:
        assert paginator.count == 3
    assert "ORDER BY" not in captured[0]["sql"]


def test_several_capped_counts_are_one_query():
    agreements = AgreementFactory.create_batch(4)
    titles = Agreement.objects.values("title").distinct()  # rows of values, not instances
    querysets = [
        Agreement.objects.all(),
        Agreement.objects.filter(pk=agreements[0].pk),
        Agreement.objects.none(),
        Agreement.objects.exclude(pk__in=[a.pk for a in agreements]),
        titles,
    ]
    with CaptureQueriesContext(connection) as captured:
        counts = count_each(querysets, most=3)
    assert len(captured) == 1
    assert counts == [3, 1, 0, 0, min(3, titles.count())]
    assert count_each([], most=3) == []
