"""Attendance of a short course: recorded by the office for accepted participants, and the
certificate (with the hours) only for those who came to all or part of the course."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from exchanges import services
from exchanges.models import AttendanceCertificate
from intlaffairs import workflow
from intlaffairs.roles import Role

from ..reports.test_pdf import pdf_text
from .test_exchanges import apply

pytestmark = pytest.mark.django_db


@pytest.fixture
def ended(officer):
    from .helpers import short_course

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
    with pytest.raises(ValidationError, match="Record the attendance"):
        services.certificates_issue(course=ended, by=officer)
    assert not AttendanceCertificate.objects.exists()


def test_partial_attendance_needs_fewer_hours_than_the_course(ended, make_user, officer):
    application = accepted(ended, make_user, officer, "Karwan Aziz")
    for hours in (None, 40, 55):
        with pytest.raises(ValidationError, match="hours attended"):
            services.attendance_record(
                application=application, attendance="partly", hours=hours, by=officer
            )


def test_attendance_is_for_accepted_participants_of_a_course_that_has_started(
    ended, make_user, officer
):
    from .helpers import short_course

    waiting = apply(ended, make_user(Role.APPLICANT))
    with pytest.raises(ValidationError, match="accepted participants only"):
        services.attendance_record(
            application=waiting, attendance="attended", hours=None, by=officer
        )
    future = short_course(title_en="Later", hours=20)
    later = accepted(future, make_user, officer, "Later")
    with pytest.raises(ValidationError, match="once the course has started"):
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
