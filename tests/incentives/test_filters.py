"""The incentives lists filter through their FilterSets: the bookmarked parameters still work
(the registry's check box sent `verified=on`), and a value that is not one is explained in the
filter bar, never a server error."""

from datetime import date
from decimal import Decimal

import pytest

from incentives.models import Certificate

pytestmark = pytest.mark.django_db


def test_a_bookmarked_registry_filter_still_filters(client, officer, faculty, mentor):
    for person, status in ((faculty, "verified"), (mentor, "pending")):
        Certificate.objects.create(
            person=person,
            test="ielts_academic",
            overall=Decimal("7.0"),
            taken_on=date(2026, 3, 1),
            status=status,
        )
    client.force_login(officer)
    response = client.get(
        "/en/incentives/certificates/", {"verified": "on", "test": "ielts_academic"}
    )
    assert [c.person for c in response.context["page"].object_list] == [faculty]


@pytest.mark.parametrize(
    "url",
    [
        "/fa/incentives/certificates/?test=nonsense&minimum=5",
        "/fa/incentives/claims/?status=nonsense",
    ],
)
def test_a_wrong_filter_value_is_explained_in_persian(client, officer, url):
    client.force_login(officer)
    response = client.get(url)
    assert response.status_code == 200
    assert "معتبر" in response.content.decode()  # Django's "Select a valid choice", in Persian
