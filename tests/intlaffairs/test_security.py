"""Sessions, private pages and the security log (ASVS 3 and 7)."""

import time

import pytest
from django.contrib.auth.models import Group

from intlaffairs.middleware import SESSION_STARTED
from intlaffairs.models import SecurityEvent
from intlaffairs.roles import Role

from ..factories import PASSWORD, totp_code

pytestmark = pytest.mark.django_db


def sign_in(client, user):
    """The whole sign-in of a member of staff: the password, then the app's code."""
    client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    return client.post("/en/accounts/2fa/authenticate/", {"code": totp_code(user.totp_secret)})


def test_the_session_id_rotates_at_sign_in(client, officer):
    client.get("/en/accounts/login/")
    client.session.save()
    before = client.session.session_key
    sign_in(client, officer)
    assert client.session.session_key != before
    assert SecurityEvent.objects.filter(kind="login", user=officer).count() == 1


def test_staff_sessions_end_after_twelve_hours_however_busy(client, officer, settings):
    sign_in(client, officer)
    assert client.get("/en/dashboard/").status_code == 200
    session = client.session
    session[SESSION_STARTED] = time.time() - (settings.STAFF_MAX_HOURS * 3600 + 60)
    session.save()
    response = client.get("/en/dashboard/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/en/dashboard/").status_code == 302  # signed out for good


def test_signed_in_pages_are_not_stored_and_public_ones_may_be(client, officer):
    assert "no-store" not in client.get("/en/").get("Cache-Control", "")
    client.force_login(officer)
    for url in ("/en/dashboard/", "/en/no-such-page/", "/en/agreements/"):
        assert client.get(url)["Cache-Control"] == "no-store", url


def test_failed_sign_ins_are_logged_without_the_address_typed(client, officer):
    client.post("/en/accounts/login/", {"login": officer.email, "password": "wrong-password-1"})
    event = SecurityEvent.objects.get(kind="login_failed")
    assert officer.email not in str(event.detail) and len(event.detail["login_sha256"]) == 16
    assert event.ip == "127.0.0.1"


def test_role_changes_are_logged(make_user):
    person = make_user()
    person.groups.add(Group.objects.get_or_create(name=Role.MENTOR)[0])
    person.groups.remove(Group.objects.get(name=Role.MENTOR))
    kinds = list(
        SecurityEvent.objects.filter(user=person).order_by("id").values_list("kind", "detail")
    )
    assert kinds == [
        ("role_added", {"roles": [Role.MENTOR]}),
        ("role_removed", {"roles": [Role.MENTOR]}),
    ]


def test_admission_decisions_and_document_downloads_are_logged(client, applicant, manager, officer):
    from intlaffairs import workflow
    from students.models import Application

    from ..students.helpers import complete_draft, make_program

    application = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    Application.objects.filter(pk=application.pk).update(stage="faculty_review")
    workflow.move(application, "admit", by=manager)
    decision = SecurityEvent.objects.get(kind="decision")
    assert decision.user == manager and decision.detail["decision"] == "admitted"
    client.force_login(officer)
    document = application.documents.first()
    client.get(f"/en/students/documents/{document.pk}/")
    download = SecurityEvent.objects.get(kind="document_download")
    assert download.user == officer and download.detail["document"] == document.pk
