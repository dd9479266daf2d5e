"""Pairs of the same field: a cross-field proposal is flagged on the proposals page with its
reason, and "Confirm all" leaves it for the office to confirm on its own."""

import pytest
from django.urls import reverse
from django.utils import translation

from intlaffairs import workflow
from intlaffairs.models import Unit
from intlaffairs.roles import Role
from mentoring.models import Mentee, Mentor, MentorLanguage, Pairing

pytestmark = pytest.mark.django_db


def school(name: str) -> Unit:
    return Unit.objects.get_or_create(name_en=name, defaults={"name_fa": name})[0]


def make_mentor(make_user, unit: Unit) -> Mentor:
    mentor = Mentor.objects.create(
        user=make_user(Role.MENTOR),
        unit=unit,
        year_of_study=4,
        gender="female",
        capacity=3,
        status="approved",
    )
    MentorLanguage.objects.create(mentor=mentor, language="en", level="fluent")
    return mentor


def proposal(mentor: Mentor, unit: Unit, name: str) -> Pairing:
    mentee = Mentee.objects.create(name=name, unit=unit, gender="female", languages=["en"])
    return Pairing.objects.create(mentor=mentor, mentee=mentee, score=20, reasons=["language"])


@pytest.fixture
def proposals(make_user):
    medicine, dentistry = school("School of Medicine"), school("School of Dentistry")
    mentor = make_mentor(make_user, medicine)
    return {
        "same": proposal(mentor, medicine, "Same School"),
        "cross": proposal(mentor, dentistry, "Other School"),
        "cross2": proposal(mentor, dentistry, "Other School Too"),
    }


def test_a_cross_field_proposal_is_flagged_with_its_reason(client, officer, proposals):
    assert proposals["cross"].crosses_fields and not proposals["same"].crosses_fields
    client.force_login(officer)
    page = client.get("/en/mentoring/proposals/").content.decode()
    assert page.count("Cross-field") == 2
    assert "share neither a program nor a school" in page


def test_confirm_all_skips_cross_field_proposals_and_counts_them(client, officer, proposals):
    client.force_login(officer)
    response = client.post(reverse("mentoring:proposals_confirm_all"), follow=True)
    statuses = {name: Pairing.objects.get(pk=p.pk).status for name, p in proposals.items()}
    assert statuses == {"same": "active", "cross": "proposed", "cross2": "proposed"}
    page = response.content.decode()
    assert "2 proposals pair different fields and were not confirmed" in page


def test_the_skipped_count_is_in_the_pages_digits(client, officer, proposals):
    proposals["cross2"].delete()
    client.force_login(officer)
    with translation.override("fa"):
        url = reverse("mentoring:proposals_confirm_all")
    response = client.post(url, follow=True)
    messages = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(messages) == 1 and "۱" in messages[0] and "1" not in messages[0]


def test_a_cross_field_proposal_is_still_confirmed_on_its_own(officer, proposals):
    workflow.move(proposals["cross"], "confirm", by=officer)
    assert Pairing.objects.get(pk=proposals["cross"].pk).status == "active"
