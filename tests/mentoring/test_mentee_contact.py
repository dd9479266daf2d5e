"""How a mentor reaches their mentee: only what the mentee agreed to share (by default the
e-mail, not the phone), shown to that mentee's mentor and to the office, to nobody else."""

import pytest
from django.urls import reverse

from intlaffairs.models import Unit
from intlaffairs.roles import Role
from mentoring.models import Mentee, Mentor, Pairing

pytestmark = pytest.mark.django_db

EMAIL, PHONE = "amina@mentee.example", "+964 750 123 4567"


@pytest.fixture
def pair(make_user):
    unit = Unit.objects.get_or_create(name_en="School of Medicine", defaults={"name_fa": "پزشکی"})[
        0
    ]
    mentor = Mentor.objects.create(
        user=make_user(Role.MENTOR),
        unit=unit,
        year_of_study=4,
        gender="female",
        capacity=2,
        status="approved",
    )
    mentee = Mentee.objects.create(
        user=make_user(Role.APPLICANT, preferred_language="en"),
        name="Amina",
        email=EMAIL,
        phone=PHONE,
        unit=unit,
        gender="female",
        languages=["en"],
    )
    return Pairing.objects.create(mentor=mentor, mentee=mentee, status="active")


def test_by_default_the_mentor_sees_the_email_and_not_the_phone(client, pair):
    assert pair.mentee.share_email and not pair.mentee.share_phone
    client.force_login(pair.mentor.user)
    for url in (reverse("mentoring:my_mentees"), pair.get_absolute_url()):
        page = client.get(url).content.decode()
        assert EMAIL in page and PHONE not in page


def test_the_mentee_chooses_what_their_mentor_sees(client, pair):
    client.force_login(pair.mentee.user)
    assert "What my mentor sees" in client.get(reverse("mentoring:my_mentor")).content.decode()
    client.post(reverse("mentoring:my_contact"), {"phone": PHONE, "share_phone": "on"})
    client.force_login(pair.mentor.user)
    page = client.get(reverse("mentoring:my_mentees")).content.decode()
    assert PHONE in page and EMAIL not in page  # the e-mail box was left unticked


def test_sharing_a_phone_needs_a_phone(client, pair):
    client.force_login(pair.mentee.user)
    client.post(
        reverse("mentoring:my_contact"), {"phone": "", "share_phone": "on", "share_email": "on"}
    )
    pair.mentee.refresh_from_db()
    assert pair.mentee.phone == PHONE and not pair.mentee.share_phone


def test_another_mentor_and_an_applicant_without_a_mentee_see_nothing(client, make_user, pair):
    other = Mentor.objects.create(
        user=make_user(Role.MENTOR),
        unit=pair.mentor.unit,
        year_of_study=3,
        gender="male",
        capacity=1,
        status="approved",
    )
    client.force_login(other.user)
    assert EMAIL not in client.get(reverse("mentoring:my_mentees")).content.decode()
    assert client.get(pair.get_absolute_url()).status_code == 404
    client.force_login(make_user(Role.APPLICANT))
    assert client.post(reverse("mentoring:my_contact"), {"share_email": "on"}).status_code == 404


def test_the_office_sees_both_whatever_was_chosen(client, officer, pair):
    client.force_login(officer)
    page = client.get(pair.mentee.get_absolute_url()).content.decode()
    assert EMAIL in page and PHONE in page
