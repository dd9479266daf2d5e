import pytest

from intlaffairs.roles import Role
from research.models import Project
from research.workflows import PROJECT

from ..workflow_properties import check_workflow

pytestmark = pytest.mark.django_db


def test_the_project_workflow_holds_for_random_walks(make_user):
    investigator = make_user(Role.FACULTY)

    def make_record():
        item = Project.objects.create(title_en="Joint project", kind="joint_project")
        item.investigators.add(investigator)
        return item

    check_workflow(
        PROJECT,
        make_record=make_record,
        people=[make_user(Role.OFFICER), make_user(Role.MANAGER), investigator],
    )
