import pytest

from intlaffairs.models import Unit
from intlaffairs.roles import Role
from mentoring.models import Mentee, Mentor, Pairing
from mentoring.workflows import MENTOR, PAIRING

from ..workflow_properties import check_workflow

pytestmark = pytest.mark.django_db


@pytest.fixture
def school():
    return Unit.objects.create(name_en="School of Medicine", name_fa="پزشکی")


def test_the_mentor_application_holds_for_random_walks(make_user, school):
    people = [make_user(role) for role in (Role.OFFICER, Role.MANAGER, Role.APPLICANT)]
    check_workflow(
        MENTOR,
        make_record=lambda: Mentor.objects.create(
            user=make_user(Role.APPLICANT), unit=school, year_of_study=2, gender="male"
        ),
        people=people,
    )


def test_the_pairing_holds_for_random_walks(make_user, school):
    """The mentor has one place, half the time already taken: confirming is then refused."""
    people = [make_user(role) for role in (Role.OFFICER, Role.MANAGER, Role.MENTOR)]
    mentor = Mentor.objects.create(
        user=people[2], unit=school, year_of_study=4, gender="female", capacity=1
    )
    made = []

    def make_record():
        made.append(1)
        mentee = Mentee.objects.create(name=f"Mentee {len(made)}", unit=school, gender="male")
        if len(made) % 2:
            other = Mentee.objects.create(name=f"Paired {len(made)}", unit=school, gender="male")
            Pairing.objects.create(mentor=mentor, mentee=other, status="active")
        return Pairing.objects.create(mentor=mentor, mentee=mentee)

    check_workflow(PAIRING, make_record=make_record, people=people)
