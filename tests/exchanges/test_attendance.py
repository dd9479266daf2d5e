"""Attendance of a short course: recorded by the office for accepted participants, and the
certificate (with the hours) only for those who came to all or part of the course."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from exchanges import services
from exchanges.models import AttendanceCertificate, CourseApplication
from intlaffairs import workflow
from intlaffairs.roles import Role

from ..reports.test_pdf import pdf_text
from .helpers import course_application, short_course
from .test_exchanges import apply

pytestmark = pytest.mark.django_db


@pytest.fixture
def ended(officer):
    today = timezone.localdate()
    return short_course(
        starts_on=today - timedelta(days=10),
        ends_on=today - timedelta(days=1),
        deadline=today + timedelta(days=1),
        capacity=5,
        hours=40,
    )


def accepted(course, make_user, officer, name):
    application = apply(course, make_user(Role.APPLICANT, full_name=name))
    return workflow.move(application, "accept", by=officer)


def test_certificates_go_only_to_those_who_attended_with_their_hours(
    ended, make_user, officer, tmp_path, django_capture_on_commit_callbacks
):
    full = accepted(ended, make_user, officer, "Karwan Aziz")
    part = accepted(ended, make_user, officer, "Zahraa Jaber")
    absent = accepted(ended, make_user, officer, "Ali Hassan")
    services.attendance_record(application=full, attendance="attended", hours=None, by=officer)
    services.attendance_record(application=part, attendance="partly", hours=12, by=officer)
    services.attendance_record(application=absent, attendance="no_show", hours=None, by=officer)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.certificates_issue(course=ended, by=officer) == 2
    assert not AttendanceCertificate.objects.filter(application=absent).exists()
    full_text = pdf_text(full.certificate.file_en.read(), tmp_path)
    assert "40 hours of attendance" in full_text
    part.refresh_from_db()
    assert "12 hours of attendance" in pdf_text(part.certificate.file_en.read(), tmp_path)


def test_certificates_wait_until_every_accepted_participants_attendance_is_recorded(
    ended, make_user, officer
):
    first = accepted(ended, make_user, officer, "Karwan Aziz")
    accepted(ended, make_user, officer, "Zahraa Jaber")
    services.attendance_record(application=first, attendance="attended", hours=None, by=officer)
    with pytest.raises(
        ValidationError,
        match=r"^\['Record the attendance of every accepted participant first\.'\]$",
    ):
        services.certificates_issue(course=ended, by=officer)
    assert not AttendanceCertificate.objects.exists()


def test_partial_attendance_needs_fewer_hours_than_the_course(ended, make_user, officer):
    application = accepted(ended, make_user, officer, "Karwan Aziz")
    for hours in (None, 40, 55):
        with pytest.raises(ValidationError) as refused:
            services.attendance_record(
                application=application, attendance="partly", hours=hours, by=officer
            )
        assert refused.value.messages == ["Enter the hours attended (fewer than the course's 40)."]
    application.refresh_from_db()
    assert (application.attendance, application.hours_attended) == ("", None)


def test_a_course_without_its_hours_takes_those_attended_from_the_office(officer, applicant):
    today = timezone.localdate()
    item = short_course(starts_on=today - timedelta(days=3), ends_on=today - timedelta(days=1))
    application = course_application(item, applicant)
    for attendance in ("attended", "partly"):
        with pytest.raises(ValidationError, match=r"^\['Enter the hours attended\.'\]$"):
            services.attendance_record(
                application=application, attendance=attendance, hours=None, by=officer
            )
    assert CourseApplication.objects.get().attendance == ""
    services.attendance_record(application=application, attendance="partly", hours=12, by=officer)
    application.refresh_from_db()
    assert (application.attendance, application.hours_attended) == ("partly", 12)


def test_attendance_is_one_of_the_three_and_is_saved_with_who_recorded_it_and_when(
    ended, make_user, officer
):
    application = accepted(ended, make_user, officer, "Karwan Aziz")
    with pytest.raises(ValidationError, match=r"^\['Choose the attendance\.'\]$"):
        services.attendance_record(application=application, attendance="late", hours=10, by=officer)
    before = timezone.now()
    services.attendance_record(application=application, attendance="no_show", hours=9, by=officer)
    after = timezone.now()
    application.refresh_from_db()
    assert (application.attendance, application.hours_attended) == ("no_show", None)
    assert application.attendance_recorded_by == officer
    assert before <= application.attendance_recorded_at <= after


def test_attendance_is_recorded_from_the_first_day_of_the_course(officer, applicant):
    item = short_course(hours=20)
    application = course_application(item, applicant)
    services.attendance_record(
        application=application,
        attendance="attended",
        hours=None,
        by=officer,
        today=item.starts_on,
    )
    application.refresh_from_db()
    assert (application.attendance, application.hours_attended) == ("attended", 20)


def test_attendance_stands_once_the_certificate_is_issued(ended, make_user, officer):
    application = accepted(ended, make_user, officer, "Karwan Aziz")
    other = accepted(ended, make_user, officer, "Zahraa Jaber")
    services.attendance_record(
        application=application, attendance="attended", hours=None, by=officer
    )
    AttendanceCertificate.objects.create(application=application, issued_by=officer)
    with pytest.raises(
        ValidationError,
        match=r"^\['The certificate has been issued; the attendance can no longer change\.'\]$",
    ):
        services.attendance_record(
            application=application, attendance="no_show", hours=None, by=officer
        )
    application.refresh_from_db()
    assert (application.attendance, application.hours_attended) == ("attended", 40)
    # another participant's certificate does not fix this one's attendance
    services.attendance_record(application=other, attendance="partly", hours=30, by=officer)
    other.refresh_from_db()
    assert (other.attendance, other.hours_attended) == ("partly", 30)


def test_certificates_are_issued_from_the_last_day_of_the_course(officer, applicant):
    today = timezone.localdate()
    item = short_course(starts_on=today - timedelta(days=3), ends_on=today, hours=20)
    application = course_application(item, applicant)
    services.attendance_record(
        application=application, attendance="attended", hours=None, by=officer
    )
    assert services.certificates_issue(course=item, by=officer, today=today) == 1
    assert AttendanceCertificate.objects.get().application == application


def test_attendance_is_for_accepted_participants_of_a_course_that_has_started(
    ended, make_user, officer
):
    waiting = apply(ended, make_user(Role.APPLICANT))
    with pytest.raises(
        ValidationError, match=r"^\['Attendance is recorded for accepted participants only\.'\]$"
    ):
        services.attendance_record(
            application=waiting, attendance="attended", hours=None, by=officer
        )
    future = short_course(title_en="Later", hours=20)
    later = accepted(future, make_user, officer, "Later")
    with pytest.raises(
        ValidationError, match=r"^\['Attendance is recorded once the course has started\.'\]$"
    ):
        services.attendance_record(application=later, attendance="attended", hours=None, by=officer)


def test_the_office_records_attendance_on_the_courses_applications_page(
    client, ended, make_user, officer
):
    application = accepted(ended, make_user, officer, "Karwan Aziz")
    client.force_login(officer)
    page = client.get(f"/en/exchanges/courses/{ended.pk}/applications/").content.decode()
    assert f"/exchanges/course-applications/{application.pk}/attendance/" in page
    response = client.post(
        f"/en/exchanges/course-applications/{application.pk}/attendance/",
        {"attendance": "partly", "hours": "۱۲"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.attendance, application.hours_attended) == ("partly", 12)
    assert application.attendance_recorded_by == officer
    page = client.get(f"/en/exchanges/courses/{ended.pk}/applications/").content.decode()
    assert "Attended in part" in page and "12 hours" in page


def test_an_applicant_cannot_record_attendance(client, ended, make_user, officer):
    application = accepted(ended, make_user, officer, "Karwan Aziz")
    client.force_login(application.applicant)
    response = client.post(
        f"/en/exchanges/course-applications/{application.pk}/attendance/",
        {"attendance": "attended"},
    )
    assert response.status_code in (403, 404)
    application.refresh_from_db()
    assert application.attendance == ""
