from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group

from incentives.models import Certificate, Claim
from incentives.workflows import CERTIFICATE, CLAIM
from intlaffairs.roles import Role

from ..workflow_properties import check_workflow

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user):
    """An officer, a manager, a faculty member, and a manager who claims too (four eyes)."""
    claiming_manager = make_user(Role.MANAGER)
    claiming_manager.groups.add(Group.objects.get_or_create(name=Role.FACULTY)[0])
    claiming_manager.__dict__.pop("roles", None)
    return [
        make_user(Role.OFFICER),
        make_user(Role.MANAGER),
        make_user(Role.FACULTY),
        claiming_manager,
    ]


def test_the_claim_workflow_holds_for_random_walks(people):
    claimant = people[-1]
    certificate = Certificate.objects.create(
        person=claimant,
        test="ielts_academic",
        overall=Decimal("6.5"),
        taken_on=date(2026, 3, 1),
        status=Certificate.Status.VERIFIED,
    )
    check_workflow(
        CLAIM,
        make_record=lambda: Claim.objects.create(
            claimant=claimant, certificate=certificate, exam_fee=4_000_000
        ),
        people=people,
    )


def test_the_certificate_workflow_holds_for_random_walks(people):
    owner = people[-1]
    check_workflow(
        CERTIFICATE,
        make_record=lambda: Certificate.objects.create(
            person=owner, test="ielts_academic", overall=Decimal("6.5"), taken_on=date(2026, 3, 1)
        ),
        people=people,
    )
