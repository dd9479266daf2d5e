from datetime import date

import pytest

from intlaffairs.roles import Role
from strategy.models import Action, Center, Goal, Material
from strategy.workflows import ACTION, CENTER, MATERIAL

from ..workflow_properties import check_workflow

pytestmark = pytest.mark.django_db

ROLES = (Role.OFFICER, Role.MANAGER, Role.FACULTY)


def test_the_plan_action_holds_for_random_walks(make_user):
    people = [make_user(role) for role in ROLES]
    goal = Goal.objects.order_by("pk").first()
    check_workflow(
        ACTION,
        make_record=lambda: Action.objects.create(
            goal=goal, title="Act", owner=people[2], due_on=date(2026, 5, 1)
        ),
        people=people,
    )


def test_the_center_abroad_holds_for_random_walks(make_user):
    check_workflow(
        CENTER,
        make_record=lambda: Center.objects.create(
            name="Center", country="IQ", city="Erbil", proposed_on=date(2026, 1, 1)
        ),
        people=[make_user(role) for role in ROLES],
    )


def test_the_outreach_material_holds_for_random_walks(make_user):
    check_workflow(
        MATERIAL,
        make_record=lambda: Material.objects.create(title="Guide", kind="brochure", languages="en"),
        people=[make_user(role) for role in ROLES],
    )
