"""The kinds of short course the office runs."""

import pytest

from exchanges.forms import CourseForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "kind", ["winter_school", "summer_school", "workshop", "elective", "training"]
)
def test_the_course_form_offers_the_kinds_the_office_runs(kind):
    assert kind in dict(CourseForm().fields["kind"].choices)


def test_a_winter_school_shows_its_kind(client, officer):
    from .helpers import short_course

    short_course(kind="winter_school", title_en="Winter school in public health")
    page = client.get("/en/exchanges/courses/").content.decode()
    assert "Winter school" in page
