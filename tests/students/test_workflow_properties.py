"""Random walks through the application's pipeline and the document check never leave the
declared graph nor let anybody take a step that is not theirs (tests/workflow_properties.py)."""

import pytest

from intlaffairs import workflow
from intlaffairs.roles import Role
from students.workflows import APPLICATION, DOCUMENT
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


def test_the_document_check_keeps_its_graph_and_its_people(people):
    applicant = people["applicant"]
    program = make_program(documents=("passport",))

    def make_record():
        application = workflow.move(complete_draft(applicant, program), "submit", by=applicant)
        return application.documents.get()

    check_workflow(DOCUMENT, make_record=make_record, people=list(people.values()), steps=8)
