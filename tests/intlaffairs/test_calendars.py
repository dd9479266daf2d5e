"""Calendars: a person's feed at a secret, revocable address, and each record's .ics."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from intlaffairs import workflow
from intlaffairs.models import CalendarToken
from intlaffairs.roles import Role
from students.models import Application
from tests.factories import AgreementFactory

from ..exchanges.helpers import course_application, short_course
from ..students.helpers import complete_draft, make_program

pytestmark = pytest.mark.django_db

SOON = timezone.localdate() + timedelta(days=40)


def events(body: bytes) -> dict[str, tuple[date, date, str]]:
    """UID -> (start, end, summary) of every event of an iCalendar file."""
    calendar = Calendar.from_ical(body)
    return {
        str(event["uid"]): (
            event.decoded("dtstart"),
            event.decoded("dtend"),
            str(event["summary"]),
        )
        for event in calendar.walk("VEVENT")
    }


def feed_address(client, user) -> str:
    client.force_login(user)
    client.post("/en/calendar/reset/")
    token = CalendarToken.objects.get(user=user).token
    client.logout()
    return f"/calendar/{token}.ics"


def test_the_feed_holds_the_dates_a_person_may_see_as_all_day_events(client, officer, applicant):
    agreement = AgreementFactory(title_en="Kufa MoU", ends_on=SOON)
    old = AgreementFactory(title_en="Long gone", ends_on=date(2020, 1, 1))
    application = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    Application.objects.filter(pk=application.pk).update(residence_expires_on=SOON)
    officer.preferred_language = "en"
    officer.save()
    address = feed_address(client, officer)

    response = client.get(address)  # no session: the token is the key

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    found = events(response.content)
    assert found[f"agreements.agreement-{agreement.pk}-ends_on@127.0.0.1"] == (
        SOON,
        SOON + timedelta(days=1),
        "Agreement ends: Kufa MoU",
    )
    assert found[f"students.application-{application.pk}-residence_expires_on@127.0.0.1"][2] == (
        "Residence permit expires: Zahraa Jaber"
    )
    assert f"agreements.agreement-{old.pk}-ends_on@127.0.0.1" not in found
    # Every applicant's passport is the applicant's reminder, not the office's.
    assert f"students.application-{application.pk}-passport_expires_on@127.0.0.1" not in found
    # The program's deadline, for the office.
    assert any(summary.startswith("Application deadline: ") for *_d, summary in found.values())


def test_the_feed_speaks_its_owners_language(client, officer):
    AgreementFactory(title_fa="تفاهم‌نامهٔ کوفه", ends_on=SOON)
    officer.preferred_language = "fa"
    officer.save()
    body = client.get(feed_address(client, officer)).content
    (summary,) = [summary for *_d, summary in events(body).values()]
    assert summary.endswith("تفاهم‌نامهٔ کوفه")
    assert summary != "Agreement ends: تفاهم‌نامهٔ کوفه"  # translated, not English


def test_a_faculty_member_gets_only_the_agreements_visible_to_them(client, faculty):
    mine = AgreementFactory(title_en="Mine", ends_on=SOON)
    mine.initiators.add(faculty)
    AgreementFactory(title_en="Not mine", ends_on=SOON)
    faculty.preferred_language = "en"
    faculty.save()
    found = events(client.get(feed_address(client, faculty)).content)
    assert [summary for *_d, summary in found.values()] == ["Agreement ends: Mine"]


def test_an_applicant_gets_their_own_dates_and_their_courses(client, applicant, make_user):
    other = make_user(Role.APPLICANT)
    mine = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    course = short_course(title_en="Summer school in Kermanshah")
    short_course(title_en="A course they did not apply to")
    course_application(course, applicant)
    complete_draft(other, make_program(name_en="Dentistry"))
    applicant.preferred_language = "en"
    applicant.save()
    found = events(client.get(feed_address(client, applicant)).content)
    uids = sorted(found)
    assert uids == sorted(
        [
            f"students.application-{mine.pk}-passport_expires_on@127.0.0.1",
            f"exchanges.shortcourse-{course.pk}-deadline@127.0.0.1",
            f"exchanges.shortcourse-{course.pk}-starts_on@127.0.0.1",
            f"exchanges.shortcourse-{course.pk}-ends_on@127.0.0.1",
        ]
    )
    assert found[f"exchanges.shortcourse-{course.pk}-starts_on@127.0.0.1"] == (
        course.starts_on,
        course.starts_on + timedelta(days=1),
        "Course starts: Summer school in Kermanshah",
    )


def test_a_reset_address_is_a_404_and_the_new_one_works(client, officer):
    AgreementFactory(ends_on=SOON)
    first = feed_address(client, officer)
    assert client.get(first).status_code == 200
    second = feed_address(client, officer)
    assert second != first
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    assert client.get("/calendar/not-a-real-token.ics").status_code == 404


def test_an_inactive_persons_address_stops_working(client, officer):
    address = feed_address(client, officer)
    officer.is_active = False
    officer.save()
    assert client.get(address).status_code == 404


def test_the_calendar_page_shows_the_address_to_copy_and_resets_it(client, officer):
    client.force_login(officer)
    page = client.get("/en/calendar/").content.decode()
    assert 'data-testid="calendar-address"' not in page
    assert "Make my calendar address" in page
    response = client.post("/en/calendar/reset/", follow=True)
    token = CalendarToken.objects.get(user=officer).token
    page = response.content.decode()
    assert f'value="http://testserver/calendar/{token}.ics"' in page
    assert "Your calendar address is ready." in page
    assert client.get("/en/calendar/reset/").status_code == 405


def test_a_records_dates_download_as_ics_for_whoever_may_see_it(client, officer, faculty):
    agreement = AgreementFactory(title_en="Kufa MoU", ends_on=SOON)
    client.force_login(officer)
    page = client.get(f"/en/agreements/{agreement.pk}/").content.decode()
    url = f"/en/calendar/agreements.agreement/{agreement.pk}.ics"
    assert f'href="{url}"' in page
    response = client.get(url)
    assert response["Content-Disposition"] == (
        f'attachment; filename="agreements-agreement-{agreement.pk}.ics"'
    )
    assert list(events(response.content).values()) == [
        (SOON, SOON + timedelta(days=1), "Agreement ends: Kufa MoU")
    ]
    client.force_login(faculty)  # not theirs: as if it did not exist
    assert client.get(url).status_code == 404
    assert client.get(f"/en/calendar/agreements.quota/{agreement.pk}.ics").status_code == 404
    undated = AgreementFactory()
    client.force_login(officer)
    assert client.get(f"/en/calendar/agreements.agreement/{undated.pk}.ics").status_code == 404
    assert (
        'data-testid="calendar-link"'
        not in client.get(f"/en/agreements/{undated.pk}/").content.decode()
    )


def test_an_applicant_downloads_their_applications_dates(client, applicant, make_user):
    mine = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    client.force_login(applicant)
    url = f"/en/calendar/students.application/{mine.pk}.ics"
    assert f'href="{url}"' in client.get(f"/en/students/my/{mine.pk}/").content.decode()
    found = events(client.get(url).content)
    assert list(found) == [f"students.application-{mine.pk}-passport_expires_on@127.0.0.1"]
    client.force_login(make_user(Role.APPLICANT))
    assert client.get(url).status_code == 404


def test_the_feed_runs_as_many_queries_for_one_agreement_as_for_fifty(client, officer):
    address = feed_address(client, officer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        return len(captured)

    AgreementFactory(ends_on=SOON)
    small = queries()
    AgreementFactory.create_batch(49, ends_on=SOON)
    assert queries() == small
    assert len(events(client.get(address).content)) == 50
