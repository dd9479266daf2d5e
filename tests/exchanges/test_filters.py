"""The exchanges lists filter through their FilterSets: the bookmarked parameters still work
(a year in Persian digits, a search in Arabic letters), and a value that is not one is
explained in the filter bar, never a server error."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from exchanges.models import Delegation
from intlaffairs.roles import Role

from ..factories import AgreementFactory
from .helpers import course_application, short_course
from .test_exchanges import mobility

pytestmark = pytest.mark.django_db


def delegation(title: str, **kwargs) -> Delegation:
    defaults = {
        "direction": "incoming",
        "country": "IQ",
        "purpose": "-",
        "starts_on": date(2026, 10, 5),  # academic year 1405
        "ends_on": date(2026, 10, 7),
    }
    return Delegation.objects.create(title=title, **{**defaults, **kwargs})


def test_the_bookmarked_filters_of_the_exchanges_lists_still_filter(client, officer, make_user):
    agreement = AgreementFactory()
    mobility(agreement, person_name="علی رضایی", status="approved")
    mobility(agreement, person_name="Earlier one", status="approved", starts_on=date(2025, 10, 1))
    mobility(agreement, person_name="Planned one", status="planned")
    delegation("From Baghdad")
    delegation("From Ankara", country="TR")
    delegation("Our visit abroad", direction="outgoing")
    course = short_course(title_en="Open school")
    short_course(title_en="Closed school", deadline=timezone.localdate() - timedelta(days=1))
    short_course(title_en="A fellowship", kind="fellowship")
    course_application(course, make_user(Role.APPLICANT), name_latin="Accepted guest")
    course_application(
        course, make_user(Role.APPLICANT), name_latin="Waiting guest", status="waitlisted"
    )
    client.force_login(officer)

    bookmark = {"status": "approved", "year": "۱۴۰۵", "q": "علي"}  # Persian digits, Arabic yeh
    page = client.get("/fa/exchanges/mobilities/", bookmark).content.decode()
    assert "علی رضایی" in page and "Earlier one" not in page and "Planned one" not in page
    bookmark = {"direction": "incoming", "country": "IQ", "year": "1405"}
    page = client.get("/en/exchanges/delegations/", bookmark).content.decode()
    assert "From Baghdad" in page and "From Ankara" not in page and "Our visit abroad" not in page
    page = client.get("/en/exchanges/courses/", {"open": "1", "kind": "summer_school"})
    page = page.content.decode()
    assert "Open school" in page and "Closed school" not in page and "A fellowship" not in page
    url = f"/en/exchanges/courses/{course.pk}/applications/"
    page = client.get(url, {"status": "waitlisted"}).content.decode()
    assert "Waiting guest" in page and "Accepted guest" not in page


def test_a_wrong_filter_value_is_explained_in_persian_and_the_others_still_apply(client, officer):
    agreement = AgreementFactory()
    mobility(agreement, person_name="Approved one", status="approved")
    mobility(agreement, person_name="Planned one", status="planned")
    client.force_login(officer)
    response = client.get("/fa/exchanges/mobilities/", {"status": "approved", "kind": "nonsense"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "معتبر" in page  # Django's "Select a valid choice", in Persian
    assert "Approved one" in page and "Planned one" not in page


@pytest.mark.parametrize(
    "url",
    [
        "/fa/exchanges/delegations/?country=XX",
        "/fa/exchanges/courses/?kind=nonsense",
        "/fa/exchanges/courses/{course}/applications/?status=nonsense",
    ],
)
def test_a_wrong_value_in_the_other_exchanges_lists_is_explained(client, officer, url):
    course = short_course()
    client.force_login(officer)
    response = client.get(url.format(course=course.pk))
    assert response.status_code == 200
    assert "معتبر" in response.content.decode()
