"""Random walks through the application's pipeline and the document check never leave the
declared graph nor let anybody take a step that is not theirs (tests/workflow_properties.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from intlaffairs import workflow
from intlaffairs.roles import Role
from students.models import Application
from students.workflows import APPLICATION, DOCUMENT
from tests import workflow_properties
from tests.workflow_properties import check_workflow

from .helpers import complete_draft, make_program

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(applicant, officer, manager, make_user):
    return {
        "applicant": applicant,
        "officer": officer,
        "manager": manager,
        "another applicant": make_user(Role.APPLICANT),
    }


@pytest.fixture(autouse=True)
def _offer_deadline_ahead(monkeypatch):
    """The shared sample date lies in the past, which the admission refuses as the date to
    answer the offer by: the walks admit with a deadline a week ahead."""
    sample = workflow_properties.sample_data

    def sample_data(transition):
        data = sample(transition)
        if "offer_deadline" in data:
            data["offer_deadline"] = timezone.localdate() + timedelta(days=7)
        return data

    monkeypatch.setattr(workflow_properties, "sample_data", sample_data)


def test_the_pipeline_keeps_its_graph_and_its_people(people):
    applicant = people["applicant"]
    program = make_program(degree="phd")  # a graduate program: the interview is on the way
    check_workflow(
        APPLICATION,
        make_record=lambda: complete_draft(applicant, program),
        people=list(people.values()),
        max_examples=25,
        steps=8,
    )


def test_an_offer_past_its_deadline_keeps_its_graph_and_its_people(people, manager):
    """From an admission whose deadline has passed: the applicant may still decline but not
    accept, the portal lapses it, the office may withdraw it."""
    applicant = people["applicant"]
    program = make_program()

    def make_record():
        application = complete_draft(applicant, program)
        for name, by in [("submit", applicant), ("start_check", manager)]:
            application = workflow.move(application, name, by=by)
        for document in application.documents.all():
            workflow.move(document, "verify", by=manager)
        application = workflow.move(application, "refer_to_faculty", by=manager)
        application = workflow.move(application, "admit", by=manager)
        Application.objects.filter(pk=application.pk).update(
            offer_deadline=timezone.localdate() - timedelta(days=1)
        )
        application.refresh_from_db()
        return application

    check_workflow(
        APPLICATION, make_record=make_record, people=list(people.values()), max_examples=20
    )


def test_the_document_check_keeps_its_graph_and_its_people(people):
    applicant = people["applicant"]
    program = make_program(documents=("passport",))

    def make_record():
        application = workflow.move(complete_draft(applicant, program), "submit", by=applicant)
        return application.documents.get()

    check_workflow(DOCUMENT, make_record=make_record, people=list(people.values()), steps=8)
