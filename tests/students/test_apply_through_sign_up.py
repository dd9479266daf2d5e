""" "Apply" on a program's page, signed out: sign up, confirm the address from the e-mail, and
land signed in on a new draft for that program; the program is carried by a same-site `next`."""

import re

import pytest
from django.core import mail

from intlaffairs.models import User
from intlaffairs.roles import Role
from students.models import Application, Stage

from .helpers import make_program

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "full_name": "Zainab Kareem",
    "email": "zainab@example.org",
    "preferred_language": "en",
    "password1": "a-long-passphrase-42",
    "password2": "a-long-passphrase-42",
}


def test_sign_up_and_confirmation_lead_into_a_draft_for_the_chosen_program(
    client, django_capture_on_commit_callbacks
):
    program = make_program()
    make_program(name_en="Another program")
    page = client.get(f"/en/students/programs/{program.pk}/").content.decode()
    apply_path = f"/en/students/programs/{program.pk}/apply/"
    signup = re.search(r'href="(/en/accounts/signup/\?next=[^"]+)"', page)[1]
    assert signup.endswith(f"?next={apply_path}")
    # Following the Apply link while signed out leads to sign-up as well.
    response = client.get(apply_path)
    assert response.status_code == 302 and response["Location"].startswith("/en/accounts/signup/")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(signup.replace("&amp;", "&"), SIGN_UP)
    assert response.status_code == 302
    person = User.objects.get(email="zainab@example.org")
    assert not person.applications.exists()  # nothing before the address is confirmed
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body)[0]
    confirm = re.sub(r"^http://[^/]+", "", link)
    assert client.get(confirm).status_code == 200  # confirming on GET is off: a page, a button
    assert not person.emailaddress_set.get().verified
    response = client.post(confirm, follow=True)
    application = Application.objects.get(applicant=person)
    assert application.program == program and application.stage == Stage.DRAFT
    assert response.redirect_chain[-1][0] == f"/en/students/my/{application.pk}/step/1/"
    assert response.context["user"] == person  # signed in by the confirmation
    # The first step says which program the application is for.
    assert f"Your application to {program.name_en}" in response.content.decode()
    # Coming back to Apply finds the same draft, not a second one.
    client.get(apply_path)
    assert Application.objects.filter(applicant=person).count() == 1


def test_a_next_to_another_site_is_not_followed(client, django_capture_on_commit_callbacks):
    make_program()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/signup/?next=https://evil.example/", SIGN_UP)
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body)[0]
    response = client.post(re.sub(r"^http://[^/]+", "", link))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/") and "evil.example" not in response["Location"]


def test_staff_cannot_apply_and_a_closed_program_makes_no_draft(client, officer, applicant):
    from datetime import timedelta

    from django.utils import timezone

    program = make_program()
    client.force_login(officer)
    assert client.get(f"/en/students/programs/{program.pk}/apply/").status_code == 403
    closed = make_program(deadline=timezone.localdate() - timedelta(days=1))
    client.force_login(applicant)
    response = client.get(f"/en/students/programs/{closed.pk}/apply/", follow=True)
    assert "This program no longer accepts applications." in response.content.decode()
    assert not applicant.applications.exists()
    assert applicant.has_role(Role.APPLICANT)
