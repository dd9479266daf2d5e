from datetime import date
from itertools import count

import pytest

from exchanges.models import Delegation, FollowUp, Mobility
from exchanges.workflows import COURSE_APPLICATION, FOLLOW_UP, MOBILITY
from intlaffairs.roles import Role

from ..factories import InstitutionFactory
from ..workflow_properties import check_workflow
from .helpers import course_application, short_course

pytestmark = pytest.mark.django_db


def test_the_mobility_workflow_holds_for_random_walks(make_user):
    people = [make_user(role) for role in (Role.OFFICER, Role.MANAGER, Role.FACULTY)]
    institution = InstitutionFactory()
    made = count()

    def make_record():
        # Every other mobility has its final report, so the report step is both refused and taken.
        return Mobility.objects.create(
            person_name="Sara Ahmadi",
            person_kind="student",
            direction="outgoing",
            kind="student_exchange",
            institution=institution,
            starts_on=date(2026, 10, 1),
            ends_on=date(2027, 1, 1),
            report="mobilities/1/report.pdf" if next(made) % 2 else "",
        )

    check_workflow(MOBILITY, make_record=make_record, people=people)


def test_the_course_application_workflow_holds_for_random_walks(make_user):
    officer, manager = make_user(Role.OFFICER), make_user(Role.MANAGER)
    applicant, stranger = make_user(Role.APPLICANT), make_user(Role.APPLICANT)
    made = count()

    def make_record():
        # A course of one place; every other time somebody else holds it already.
        n = next(made)
        course = short_course(title_en=f"Course {n}", capacity=1)
        if n % 2:
            course_application(course, stranger, status="accepted")
        return course_application(course, applicant, status="submitted")

    check_workflow(
        COURSE_APPLICATION,
        make_record=make_record,
        people=[officer, manager, applicant, stranger],
    )


def test_the_follow_up_workflow_holds_for_random_walks(make_user):
    officer, faculty = make_user(Role.OFFICER), make_user(Role.FACULTY)
    delegation = Delegation.objects.create(
        title="Visit",
        direction="incoming",
        country="IQ",
        purpose="-",
        starts_on=date(2026, 5, 1),
        ends_on=date(2026, 5, 3),
    )
    check_workflow(
        FOLLOW_UP,
        make_record=lambda: FollowUp.objects.create(
            delegation=delegation, action="Send the draft", owner=faculty, due_on=date(2026, 6, 1)
        ),
        people=[officer, faculty],
    )
