from datetime import date

import pytest

from agreements.workflows import AGREEMENT
from intlaffairs.roles import Role

from ..factories import AgreementFactory
from ..workflow_properties import check_workflow

pytestmark = pytest.mark.django_db


def test_the_agreement_lifecycle_holds_for_random_walks(make_user):
    people = [make_user(role) for role in (Role.OFFICER, Role.MANAGER, Role.FACULTY)]
    check_workflow(
        AGREEMENT,
        make_record=lambda: AgreementFactory(signed_on=date(2026, 1, 1), ends_on=date(2028, 1, 1)),
        people=people,
    )
