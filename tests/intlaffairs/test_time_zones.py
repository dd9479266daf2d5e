"""The time zone a person reads times in: chosen at sign-up, the browser's by default (filled by
static/js/time-zone.js), checked against the IANA list, and changed on their settings page."""

import zoneinfo

import pytest
from django.conf import settings

from intlaffairs import timezones, workflow
from intlaffairs.models import User
from intlaffairs.roles import Role

from ..students.helpers import complete_draft, make_program

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "full_name": "Zainab Kareem",
    "email": "zainab@example.org",
    "preferred_language": "en",
    "password1": "a-long-passphrase-42",
    "password2": "a-long-passphrase-42",
}


def sign_up(client, **fields):
    return client.post("/en/accounts/signup/", {**SIGN_UP, **fields})


def test_sign_up_takes_the_browsers_zone_when_none_is_chosen(client):
    assert sign_up(client, time_zone="", browser_time_zone="Asia/Baghdad").status_code == 302
    assert User.objects.get(email="zainab@example.org").time_zone == "Asia/Baghdad"


def test_a_chosen_zone_wins_over_the_browsers(client):
    sign_up(client, time_zone="America/Toronto", browser_time_zone="Asia/Baghdad")
    assert User.objects.get(email="zainab@example.org").time_zone == "America/Toronto"


def test_an_unknown_browser_zone_falls_back_to_the_universitys(client):
    assert sign_up(client, time_zone="", browser_time_zone="Mars/Olympus").status_code == 302
    assert User.objects.get(email="zainab@example.org").time_zone == settings.TIME_ZONE


def test_a_zone_that_is_not_in_the_list_is_refused_and_the_form_kept(client):
    response = sign_up(client, time_zone="Mars/Olympus")
    page = response.content.decode()
    assert response.status_code == 200 and not User.objects.exists()
    assert "Select a valid choice." in page and 'value="Zainab Kareem"' in page


def test_the_sign_up_page_loads_the_zone_script_and_its_fields(client):
    page = client.get("/en/accounts/signup/").content.decode()
    assert "js/time-zone" in page
    assert "data-browser-time-zone" in page and "data-time-zone-choice" in page
    assert '<option value="Asia/Baghdad">Asia/Baghdad</option>' in page


def test_the_settings_page_changes_the_zone(client, make_user):
    person = make_user(Role.APPLICANT, time_zone="Asia/Baghdad")
    client.force_login(person)
    page = client.get("/en/profile/").content.decode()
    assert '<option value="Asia/Baghdad" selected>' in page
    response = client.post(
        "/en/profile/", {"preferred_language": "fa", "time_zone": "Europe/Berlin"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.time_zone, person.preferred_language) == ("Europe/Berlin", "fa")
    response = client.post("/en/profile/", {"preferred_language": "fa", "time_zone": "Nowhere"})
    assert response.status_code == 400
    person.refresh_from_db()
    assert person.time_zone == "Europe/Berlin"


def test_a_person_without_a_zone_reads_the_universitys():
    assert timezones.zone_of(User(email="x@example.org")).key == settings.TIME_ZONE
    assert (
        timezones.zone_of(User(email="x@example.org", time_zone="Asia/Kabul")).key == "Asia/Kabul"
    )


def test_an_applicant_reads_the_times_of_their_file_in_their_own_zone(client, applicant, officer):
    """The history of an application was shown in Tehran's time, unlabelled, to an applicant
    in Toronto; the office reads the university's zone whatever its own profile says."""
    applicant.time_zone = "America/Toronto"
    applicant.save(update_fields=["time_zone"])
    officer.time_zone = "America/Toronto"
    officer.save(update_fields=["time_zone"])
    application = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    submitted = application.moves.get().at

    def clock(zone: str) -> str:
        return submitted.astimezone(zoneinfo.ZoneInfo(zone)).strftime("%H:%M")

    assert clock("America/Toronto") != clock(settings.TIME_ZONE)
    client.force_login(applicant)
    page = client.get(f"/en/students/my/{application.pk}/").content.decode()
    history = page[page.index('id="history-heading"') :]
    assert clock("America/Toronto") in history and clock(settings.TIME_ZONE) not in history
    assert "Times in the America/Toronto time zone" in page
    client.force_login(officer)
    page = client.get(f"/en/students/applications/{application.pk}/").content.decode()
    history = page[page.index('id="history-heading"') :]
    assert clock(settings.TIME_ZONE) in history and clock("America/Toronto") not in history
    assert 'data-testid="time-zone"' not in page
