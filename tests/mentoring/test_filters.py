"""The mentoring lists filter through their FilterSets: the bookmarked parameters still work
(the pairs list still opens on the active pairs), and a value that is not one is explained in
the filter bar, never a server error."""

import pytest
from django.utils import timezone

from intlaffairs.models import Unit
from mentoring.models import Issue, Pairing

from .test_mentoring import make_mentee, make_mentor

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return Unit.objects.get_or_create(name_en="School of Medicine", defaults={"name_fa": "پزشکی"})[
        0
    ]


def pair(make_user, unit, mentee: str, status: str) -> Pairing:
    return Pairing.objects.create(
        mentor=make_mentor(make_user, unit),
        mentee=make_mentee(unit, mentee),
        status=status,
        confirmed_at=timezone.now(),
    )


def test_the_bookmarked_filters_of_the_mentoring_lists_still_filter(
    client, officer, make_user, unit
):
    active = pair(make_user, unit, "Active mentee", "active")
    ended = pair(make_user, unit, "Ended mentee", "ended")
    make_mentee(unit, "Waiting mentee")
    ended.mentor.status = "declined"
    ended.mentor.save(update_fields=["status"])
    Issue.objects.create(
        pairing=active, category="other", description="Open worry", escalated_at=timezone.now()
    )
    Issue.objects.create(
        pairing=active,
        category="other",
        description="Settled worry",
        escalated_at=timezone.now(),
        resolved_at=timezone.now(),
    )
    client.force_login(officer)

    page = client.get("/en/mentoring/").content.decode()  # active by default
    assert "Active mentee" in page and "Ended mentee" not in page
    page = client.get("/en/mentoring/", {"status": "ended"}).content.decode()
    assert "Ended mentee" in page and "Active mentee" not in page
    page = client.get("/en/mentoring/mentors/", {"status": "declined"}).content.decode()
    assert str(ended.mentor) in page and str(active.mentor) not in page
    page = client.get("/en/mentoring/mentees/", {"unmatched": "1"}).content.decode()
    assert "Waiting mentee" in page and "Active mentee" not in page
    page = client.get("/en/mentoring/issues/").content.decode()
    assert "Open worry" in page and "Settled worry" not in page
    page = client.get("/en/mentoring/issues/", {"all": "1"}).content.decode()
    assert "Open worry" in page and "Settled worry" in page


@pytest.mark.parametrize(
    "url", ["/fa/mentoring/?status=nonsense", "/fa/mentoring/mentors/?status=nonsense"]
)
def test_a_wrong_filter_value_is_explained_in_persian(client, officer, url):
    client.force_login(officer)
    response = client.get(url)
    assert response.status_code == 200
    assert "معتبر" in response.content.decode()  # Django's "Select a valid choice", in Persian
