"""Interviews: the office or a reviewer of the unit offers times, the applicant books one in
their own time zone, the invitation (.ics) is updated and cancelled under one UID, the panel
reports or records a no-show; nobody sees another applicant's interview, and a reviewer only
their own unit's."""

import re
import zoneinfo
from datetime import datetime, timedelta

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from intlaffairs import calendars, workflow
from intlaffairs.models import OutgoingMail, StateChange, Unit
from intlaffairs.roles import Role
from students import interviews, reviews
from students.models import Application, InterviewSlot, Stage
from students.workflows import INTERVIEW_SLOT
from tests.queries import warm
from tests.workflow_properties import check_workflow

from .helpers import complete_draft, make_program

pytestmark = pytest.mark.django_db

TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")
State = InterviewSlot.State


def at_interview(applicant, officer, **program) -> Application:
    """A submitted application of a program that interviews, invited to the interview."""
    program = make_program(**{"degree": "phd", **program})
    application = workflow.move(complete_draft(applicant, program), "submit", by=applicant)
    application = workflow.move(application, "start_check", by=officer)
    for document in application.documents.all():
        workflow.move(document, "verify", by=officer)
    application = workflow.move(application, "refer_to_faculty", by=officer)
    return workflow.move(application, "invite_to_interview", by=officer)


def in_days(days: int, hour: int = 10, minute: int = 0) -> datetime:
    """A moment `days` from today at `hour`:`minute`, Tehran time."""
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TEHRAN)


def offer(application, officer, *, at=None, **arrangement) -> InterviewSlot:
    return interviews.interview_offer(
        application=application,
        by=officer,
        **{
            "starts_at": at or in_days(10),
            "duration_minutes": 30,
            "mode": "online",
            "link": "https://meet.example.org/kums-1",
            "place": "",
            "panel": "Dr. Karimi, Dr. Ahmadi",
            **arrangement,
        },
    )


def move_url(record, name: str) -> str:
    return f"/en/move/{record._meta.label_lower}/{record.pk}/{name}/"


def invitations(applicant) -> list[icalendar.Calendar]:
    """The .ics files mailed to the applicant, oldest first, parsed back."""
    files = []
    for mail in OutgoingMail.objects.filter(to=applicant.email).order_by("pk"):
        if mail.attachment_name == "interview.ics":
            with mail.attachment.open("rb") as attached:
                files.append(icalendar.Calendar.from_ical(attached.read()))
    return files


def the_event(calendar: icalendar.Calendar) -> icalendar.Event:
    (event,) = calendar.walk("VEVENT")
    return event


@pytest.fixture
def baghdad(applicant):
    applicant.time_zone = "Asia/Baghdad"
    applicant.save()
    return applicant


# --- The program and the stage


def test_a_program_that_is_not_graduate_may_require_an_interview(applicant, officer, manager):
    application = at_interview(applicant, officer, degree="md", requires_interview=True)
    assert application.stage == Stage.INTERVIEW
    plain = complete_draft(applicant, make_program(degree="md"))
    assert not plain.program.interviews


def test_times_are_offered_only_at_the_interview_stage(applicant, officer):
    application = workflow.move(
        complete_draft(applicant, make_program(degree="phd")), "submit", by=applicant
    )
    with pytest.raises(Exception, match="only while the application is at the interview"):
        offer(application, officer)
    assert not InterviewSlot.objects.exists()


# --- Offering, booking and the invitation, in the applicant's own time zone


def test_the_office_offers_a_time_in_tehran_and_the_applicant_reads_it_in_toronto(
    client, applicant, officer
):
    applicant.time_zone = "America/Toronto"
    applicant.save()
    application = at_interview(applicant, officer)
    day = timezone.localdate() + timedelta(days=10)
    client.force_login(officer)
    response = client.post(
        f"/en/students/applications/{application.pk}/interviews/",
        {
            "offer-day": day.isoformat(),
            "offer-clock": "16:30",
            "offer-duration_minutes": "45",
            "offer-mode": "in_person",
            "offer-place": "School of Medicine, room 204",
            "offer-link": "",
            "offer-panel": "Dr. Karimi",
        },
    )
    assert response.status_code == 302
    slot = InterviewSlot.objects.get()
    assert slot.starts_at == datetime(day.year, day.month, day.day, 16, 30, tzinfo=TEHRAN)
    assert slot.state == State.OFFERED
    mail = OutgoingMail.objects.filter(to=applicant.email).latest("pk")
    toronto = slot.starts_at.astimezone(zoneinfo.ZoneInfo("America/Toronto"))
    assert f"{toronto:%H:%M}" in mail.body_text and "America/Toronto" in mail.body_text
    client.force_login(applicant)
    page = client.get(f"/en/students/my/{application.pk}/").content.decode()
    assert f"{toronto:%H:%M}" in page and "America/Toronto" in page
    assert move_url(slot, "book")[3:] in page


def test_the_offer_form_has_no_empty_mode_to_choose(client, applicant, officer):
    application = at_interview(applicant, officer)
    client.force_login(officer)
    page = client.get(f"/en/students/applications/{application.pk}/interviews/").content.decode()
    radios = [tag for tag in re.findall(r"<input[^>]*>", page) if 'name="offer-mode"' in tag]
    modes = [re.search(r'value="([^"]*)"', tag)[1] for tag in radios]
    assert modes == ["online", "in_person"]


def test_a_wrong_offer_keeps_what_was_typed_and_says_why(client, applicant, officer):
    application = at_interview(applicant, officer)
    client.force_login(officer)
    response = client.post(
        f"/en/students/applications/{application.pk}/interviews/",
        {
            "offer-day": (timezone.localdate() - timedelta(days=1)).isoformat(),
            "offer-clock": "10:00",
            "offer-duration_minutes": "30",
            "offer-mode": "online",
            "offer-link": "",
            "offer-panel": "Dr. Typed Name",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "The interview must start in the future." in page
    assert "An online interview needs the meeting link." in page
    assert "Dr. Typed Name" in page
    assert not InterviewSlot.objects.exists()


def test_the_offer_form_gives_the_two_modes_and_no_blank_button(client, applicant, officer):
    application = at_interview(applicant, officer)
    client.force_login(officer)
    page = client.get(f"/en/students/applications/{application.pk}/interviews/").content.decode()
    modes = re.findall(r'name="offer-mode" value="([^"]*)"', page)
    assert modes == ["online", "in_person"]
    assert "---------" not in page


def test_the_length_of_an_interview_is_written_in_the_pages_digits(client, applicant, officer):
    application = at_interview(applicant, officer)
    offer(application, officer)
    client.force_login(officer)
    office = client.get(f"/fa/students/applications/{application.pk}/interviews/").content.decode()
    assert "۳۰ دقیقه" in office and "30 دقیقه" not in office
    client.force_login(applicant)
    own = client.get(f"/ckb/students/my/{application.pk}/").content.decode()
    assert "٣٠ خولەک" in own and "30 خولەک" not in own


@pytest.mark.parametrize(
    ("zone", "expected"),
    [("Asia/Baghdad", "09:30"), ("America/Toronto", "01:30")],
)
def test_the_invitation_holds_the_time_right_in_the_applicants_zone(
    client, applicant, officer, zone, expected
):
    """10:00 in Tehran (UTC+3:30) is 09:30 in Baghdad (UTC+3) and 01:30 in Toronto in winter
    (UTC-5); the .ics carries it in UTC and the e-mail in the reader's zone."""
    applicant.time_zone = zone
    applicant.save()
    application = at_interview(applicant, officer)
    winter = datetime(timezone.localdate().year + 1, 1, 15, 10, 0, tzinfo=TEHRAN)
    slot = offer(application, officer, at=winter)
    client.force_login(applicant)
    assert client.post(move_url(slot, "book")).status_code == 302
    slot.refresh_from_db()
    assert slot.state == State.BOOKED
    (calendar,) = invitations(applicant)
    assert calendar["METHOD"] == "REQUEST"
    event = the_event(calendar)
    start = event.decoded("DTSTART")
    assert start == winter and start.utcoffset() == timedelta(0)
    assert f"{start.astimezone(zoneinfo.ZoneInfo(zone)):%H:%M}" == expected
    assert event.decoded("DTEND") - start == timedelta(minutes=30)
    assert str(event["URL"]) == "https://meet.example.org/kums-1"
    assert event["SEQUENCE"] == 0 and str(event["STATUS"]) == "CONFIRMED"
    mail = OutgoingMail.objects.filter(to=applicant.email).latest("pk")
    assert expected in mail.body_text and zone in mail.body_text


def test_in_person_the_invitation_gives_the_place(applicant, officer, baghdad):
    application = at_interview(applicant, officer)
    slot = offer(application, officer, mode="in_person", place="Room 204", link="")
    workflow.move(slot, "book", by=applicant)
    event = the_event(invitations(applicant)[0])
    assert str(event["LOCATION"]) == "Room 204" and "URL" not in event


def test_moving_keeps_the_uid_and_raises_the_sequence_cancelling_cancels_it(
    client, applicant, officer, baghdad
):
    application = at_interview(applicant, officer)
    slot = workflow.move(offer(application, officer), "book", by=applicant)
    client.force_login(officer)
    later = in_days(12, 11)
    response = client.post(
        f"/en/students/interviews/{slot.pk}/change/",
        {
            f"change-{slot.pk}-day": later.date().isoformat(),
            f"change-{slot.pk}-clock": "11:00",
            f"change-{slot.pk}-duration_minutes": "60",
            f"change-{slot.pk}-mode": "online",
            f"change-{slot.pk}-link": "https://meet.example.org/kums-2",
            f"change-{slot.pk}-place": "",
            f"change-{slot.pk}-panel": "Dr. Karimi",
            f"change-{slot.pk}-note": "The panel is busy that day.",
        },
    )
    assert response.status_code == 302
    response = client.post(move_url(slot, "cancel"), {f"interviewslot-{slot.pk}-cancel-note": ""})
    assert response.status_code == 302
    booked, changed, cancelled = invitations(applicant)
    first, second, third = (the_event(calendar) for calendar in (booked, changed, cancelled))
    assert str(first["UID"]) == str(second["UID"]) == str(third["UID"]) == interviews.uid(slot)
    assert (first["SEQUENCE"], second["SEQUENCE"], third["SEQUENCE"]) == (0, 1, 2)
    assert second.decoded("DTSTART") == later
    assert second.decoded("DTEND") - later == timedelta(hours=1)
    assert changed["METHOD"] == "REQUEST"
    assert cancelled["METHOD"] == "CANCEL" and str(third["STATUS"]) == "CANCELLED"
    mails = list(OutgoingMail.objects.filter(to=applicant.email).order_by("pk"))
    assert "The panel is busy that day." in mails[-2].body_text
    assert "cancelled" in mails[-1].subject
    slot.refresh_from_db()
    assert slot.state == State.CANCELLED


def test_giving_up_a_time_and_booking_again_stays_newer_than_the_cancel(applicant, officer):
    application = at_interview(applicant, officer)
    first = offer(application, officer)
    second = offer(application, officer, at=in_days(11))
    workflow.move(first, "book", by=applicant)
    with pytest.raises(Exception, match="Another time is already booked"):
        workflow.move(second, "book", by=applicant)
    workflow.move(first, "release", by=applicant)
    workflow.move(first, "book", by=applicant)
    sequences = [the_event(c)["SEQUENCE"] for c in invitations(applicant)]
    methods = [str(c["METHOD"]) for c in invitations(applicant)]
    assert sequences == [0, 1, 2] and methods == ["REQUEST", "CANCEL", "REQUEST"]


def test_an_unbooked_time_is_cancelled_without_a_message(applicant, officer):
    application = at_interview(applicant, officer)
    slot = offer(application, officer)
    before = OutgoingMail.objects.count()
    workflow.move(slot, "cancel", by=officer)
    assert OutgoingMail.objects.count() == before


# --- The panel's report, the no-show


def started(slot: InterviewSlot) -> InterviewSlot:
    InterviewSlot.objects.filter(pk=slot.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    slot.refresh_from_db()
    return slot


def test_the_panel_reports_once_the_interview_has_started(client, applicant, officer):
    application = at_interview(applicant, officer)
    slot = workflow.move(offer(application, officer), "book", by=applicant)
    url = f"/en/students/interviews/{slot.pk}/report/"
    report = {
        f"report-{slot.pk}-score_knowledge": "8",
        f"report-{slot.pk}-score_communication": "7",
        f"report-{slot.pk}-score_motivation": "9",
        f"report-{slot.pk}-recommendation": "admit",
        f"report-{slot.pk}-report_notes": "Clear answers.",
    }
    client.force_login(officer)
    response = client.post(url, report)
    assert response.status_code == 400
    assert "The interview has not started yet." in response.content.decode()
    slot.refresh_from_db()
    assert slot.state == State.BOOKED and slot.recommendation == ""
    started(slot)
    response = client.post(url, {**report, f"report-{slot.pk}-score_motivation": "11"})
    assert response.status_code == 400 and "Clear answers." in response.content.decode()
    assert client.post(url, report).status_code == 302
    slot.refresh_from_db()
    assert slot.state == State.HELD
    assert (slot.score_knowledge, slot.score_communication, slot.score_motivation) == (8, 7, 9)
    page = client.get(f"/en/students/applications/{application.pk}/interviews/").content.decode()
    assert "Clear answers." in page and "Admit" in page


def test_a_score_out_of_range_says_the_range_in_the_pages_digits(client, applicant, officer):
    application = at_interview(applicant, officer)
    slot = started(workflow.move(offer(application, officer), "book", by=applicant))
    client.force_login(officer)
    response = client.post(
        f"/fa/students/interviews/{slot.pk}/report/",
        {
            f"report-{slot.pk}-score_knowledge": "8",
            f"report-{slot.pk}-score_communication": "7",
            f"report-{slot.pk}-score_motivation": "11",
            f"report-{slot.pk}-recommendation": "admit",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "امتیازی از ۰ تا ۱۰ بدهید." in page
    assert " 10 " not in page
    slot.refresh_from_db()
    assert slot.score_motivation is None


def test_the_report_step_alone_is_refused_without_the_scores(applicant, officer):
    application = at_interview(applicant, officer)
    slot = started(workflow.move(offer(application, officer), "book", by=applicant))
    with pytest.raises(Exception, match="Give every score"):
        workflow.move(slot, "report", by=officer)


def test_a_no_show_is_recorded_after_the_start(applicant, officer):
    application = at_interview(applicant, officer)
    slot = workflow.move(offer(application, officer), "book", by=applicant)
    with pytest.raises(Exception, match="has not started yet"):
        workflow.move(slot, "no_show", by=officer)
    slot = workflow.move(started(slot), "no_show", by=officer, note="No answer on the link.")
    assert slot.state == State.NO_SHOW
    assert StateChange.objects.filter(transition="no_show").count() == 1


# --- Who sees what


def test_another_applicants_interview_is_a_404(client, applicant, officer, make_user):
    application = at_interview(applicant, officer)
    slot = workflow.move(offer(application, officer), "book", by=applicant)
    client.force_login(make_user(Role.APPLICANT))
    assert client.post(move_url(slot, "release")).status_code == 404
    assert client.get(f"/en/calendar/students.interviewslot/{slot.pk}.ics").status_code == 404
    assert client.get(f"/en/students/interviews/{slot.pk}/change/").status_code == 403
    slot.refresh_from_db()
    assert slot.state == State.BOOKED


def test_the_applicant_cannot_offer_or_report(client, applicant, officer):
    application = at_interview(applicant, officer)
    slot = offer(application, officer)
    client.force_login(applicant)
    assert client.get(f"/en/students/applications/{application.pk}/interviews/").status_code == 403
    assert client.post(f"/en/students/interviews/{slot.pk}/report/").status_code == 403
    response = client.post(move_url(slot, "cancel"))
    assert "The office or a reviewer of the program" in response.content.decode()


def test_the_ics_download_and_the_calendar_feed_hold_the_booked_interview(
    client, applicant, officer, baghdad
):
    application = at_interview(applicant, officer)
    slot = workflow.move(offer(application, officer), "book", by=applicant)
    offer(application, officer, at=in_days(20))  # not booked: not in the feed
    client.force_login(applicant)
    response = client.get(f"/en/calendar/students.interviewslot/{slot.pk}.ics")
    assert response.status_code == 200
    event = the_event(icalendar.Calendar.from_ical(response.content))
    assert str(event["UID"]) == interviews.uid(slot)
    assert event.decoded("DTSTART") == slot.starts_at
    feed = icalendar.Calendar.from_ical(calendars.feed(applicant, "Mine"))
    uids = [str(item["UID"]) for item in feed.walk("VEVENT")]
    assert uids.count(interviews.uid(slot)) == 1
    assert not any(
        uid.startswith("students.interviewslot") and uid != interviews.uid(slot) for uid in uids
    )


# --- A reviewer of the unit arranges the interview too


@pytest.fixture
def unit_reviewer(make_user, administrator):
    person = make_user(Role.FACULTY, email="reviewer@test.example", preferred_language="fa")
    unit = make_program_unit()
    reviews.reviewer_add(unit=unit, user=person, by=administrator)
    return person


def make_program_unit() -> Unit:
    return make_program().unit  # the unit every make_program() program belongs to


def report_of(slot, **changes) -> dict:
    return {
        f"report-{slot.pk}-score_knowledge": "8",
        f"report-{slot.pk}-score_communication": "7",
        f"report-{slot.pk}-score_motivation": "9",
        f"report-{slot.pk}-recommendation": "admit",
        f"report-{slot.pk}-report_notes": "Sound answers.",
        **changes,
    }


def offer_form(when: datetime) -> dict:
    local = when.astimezone(TEHRAN)
    return {
        "offer-day": local.date().isoformat(),
        "offer-clock": local.strftime("%H:%M"),
        "offer-duration_minutes": "30",
        "offer-mode": "online",
        "offer-link": "https://meet.example.org/kums-r",
        "offer-panel": "Dr. Rahimi",
    }


def test_a_reviewer_of_the_unit_offers_moves_and_reports_on_the_interview_page(
    client, applicant, officer, unit_reviewer
):
    application = at_interview(applicant, officer)
    client.force_login(unit_reviewer)
    listed = client.get("/en/students/reviews/").content.decode()
    assert f"/en/students/applications/{application.pk}/interviews/" in listed
    page = f"/en/students/applications/{application.pk}/interviews/"
    assert client.get(page).status_code == 200
    response = client.post(page, offer_form(in_days(9)))
    assert response.status_code == 302, response.content.decode()[-3000:]
    slot = InterviewSlot.objects.get(application=application)
    assert slot.offered_by == unit_reviewer and slot.state == State.OFFERED
    spare = offer(application, unit_reviewer, at=in_days(11))
    cancel = {f"interviewslot-{spare.pk}-cancel-note": ""}
    assert client.post(move_url(spare, "cancel"), cancel).status_code == 302
    spare.refresh_from_db()
    assert spare.state == State.CANCELLED
    slot = workflow.move(slot, "book", by=applicant)
    change = {
        f"change-{slot.pk}-day": in_days(12).date().isoformat(),
        f"change-{slot.pk}-clock": "11:00",
        f"change-{slot.pk}-duration_minutes": "45",
        f"change-{slot.pk}-mode": "online",
        f"change-{slot.pk}-link": "https://meet.example.org/kums-r",
        f"change-{slot.pk}-place": "",
        f"change-{slot.pk}-panel": "Dr. Rahimi",
        f"change-{slot.pk}-note": "",
    }
    response = client.post(f"/en/students/interviews/{slot.pk}/change/", change)
    assert response.status_code == 302, response.content.decode()[-3000:]
    slot.refresh_from_db()
    assert slot.duration_minutes == 45 and slot.sequence == 1
    started(slot)
    response = client.post(f"/en/students/interviews/{slot.pk}/report/", report_of(slot))
    assert response.status_code == 302
    slot.refresh_from_db()
    assert slot.state == State.HELD
    assert StateChange.objects.filter(transition="report", by=unit_reviewer).count() == 1


def test_the_reviewers_page_of_a_referred_file_leads_to_its_interview_page(
    client, applicant, officer, unit_reviewer
):
    program = make_program(degree="phd")
    application = workflow.move(complete_draft(applicant, program), "submit", by=applicant)
    application = workflow.move(application, "start_check", by=officer)
    for document in application.documents.all():
        workflow.move(document, "verify", by=officer)
    application = workflow.move(application, "refer_to_faculty", by=officer)
    review = application.faculty_reviews.get(reviewer=unit_reviewer)
    client.force_login(unit_reviewer)
    page = client.get(f"/en/students/reviews/{review.pk}/").content.decode()
    interviews_page = f"/en/students/applications/{application.pk}/interviews/"
    assert f'href="{interviews_page}"' in page
    page = client.get(interviews_page).content.decode()
    assert "Times can be offered while the application is at the interview stage." in page
    assert client.post(interviews_page, offer_form(in_days(9))).status_code == 400
    assert not InterviewSlot.objects.exists()


def test_a_reviewer_of_another_unit_reaches_no_interview(
    client, applicant, officer, unit_reviewer, make_user, administrator
):
    application = at_interview(applicant, officer)
    slot = workflow.move(offer(application, officer), "book", by=applicant)
    stranger = make_user(Role.FACULTY)
    dentistry = Unit.objects.create(name_fa="دندان‌پزشکی", name_en="School of Dentistry")
    reviews.reviewer_add(unit=dentistry, user=stranger, by=administrator)
    client.force_login(stranger)
    assert client.get(f"/en/students/applications/{application.pk}/interviews/").status_code == 404
    assert client.post(f"/en/students/interviews/{slot.pk}/report/", {}).status_code == 404
    assert client.post(f"/en/students/interviews/{slot.pk}/change/", {}).status_code == 404
    assert client.post(move_url(slot, "cancel")).status_code == 404
    assert "interviews-to-arrange" not in client.get("/en/students/reviews/").content.decode()
    with pytest.raises(Exception, match="arranges interviews"):
        offer(application, stranger)
    with pytest.raises(Exception, match="arranges interviews"):
        workflow.move(started(slot), "no_show", by=stranger)
    slot.refresh_from_db()
    assert slot.state == State.BOOKED
    assert InterviewSlot.objects.filter(application=application).count() == 1


def test_a_faculty_member_who_reviews_no_unit_reaches_no_interview(
    client, applicant, officer, make_user
):
    application = at_interview(applicant, officer)
    slot = offer(application, officer)
    client.force_login(make_user(Role.FACULTY))
    assert client.get(f"/en/students/applications/{application.pk}/interviews/").status_code == 404
    assert client.post(move_url(slot, "cancel")).status_code == 404


def test_the_reviewer_lets_go_of_the_interview_once_the_file_is_decided(
    client, applicant, officer, manager, unit_reviewer
):
    application = at_interview(applicant, officer)
    slot = started(workflow.move(offer(application, unit_reviewer), "book", by=applicant))
    workflow.move(application, "reject", by=manager, note="Places are full.")
    client.force_login(unit_reviewer)
    assert client.get(f"/en/students/applications/{application.pk}/interviews/").status_code == 404
    with pytest.raises(Exception, match="arranges interviews"):
        workflow.move(slot, "no_show", by=unit_reviewer)
    workflow.move(slot, "no_show", by=officer)  # the office still may


def test_the_reviewers_interview_page_query_count_does_not_grow_with_slots(
    client, applicant, officer, unit_reviewer
):
    application = at_interview(applicant, officer)
    client.force_login(unit_reviewer)
    counts = []
    for count in (5, 495):
        start = timezone.now() + timedelta(days=5)
        InterviewSlot.objects.bulk_create(
            InterviewSlot(
                application=application,
                starts_at=start + timedelta(minutes=30 * index),
                mode="online",
                link="https://meet.example.org/x",
                panel="Dr. Karimi",
            )
            for index in range(count)
        )
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/en/students/applications/{application.pk}/interviews/")
            assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


# --- The office's page keeps its query count


def test_the_interview_page_query_count_does_not_grow_with_slots(client, applicant, officer):
    application = at_interview(applicant, officer)
    client.force_login(officer)

    def queries() -> int:
        warm(client, f"/en/students/applications/{application.pk}/interviews/")
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/en/students/applications/{application.pk}/interviews/")
            assert response.status_code == 200
        return len(captured)

    def add(count: int) -> None:
        start = timezone.now() + timedelta(days=5)
        InterviewSlot.objects.bulk_create(
            InterviewSlot(
                application=application,
                starts_at=start + timedelta(minutes=30 * index),
                mode="online",
                link="https://meet.example.org/x",
                panel="Dr. Karimi",
            )
            for index in range(count)
        )

    add(5)
    few = queries()
    add(495)
    assert queries() == few


# --- The workflow's property


def test_interview_slots_keep_their_graph_and_their_people(applicant, officer, manager, make_user):
    application = at_interview(applicant, officer)
    people = [applicant, officer, manager, make_user(Role.APPLICANT)]
    check_workflow(
        INTERVIEW_SLOT,
        make_record=lambda: offer(application, officer, at=in_days(3 + len(people))),
        people=people,
        max_examples=20,
        steps=6,
    )


def test_past_interview_slots_keep_their_graph_and_their_people(applicant, officer, make_user):
    application = at_interview(applicant, officer)

    def make_record():
        slot = workflow.move(offer(application, officer), "book", by=applicant)
        InterviewSlot.objects.filter(pk=slot.pk).update(
            starts_at=timezone.now() - timedelta(hours=1),
            score_knowledge=5,
            score_communication=5,
            score_motivation=5,
            recommendation="admit",
        )
        slot.refresh_from_db()
        return slot

    check_workflow(
        INTERVIEW_SLOT,
        make_record=make_record,
        people=[applicant, officer, make_user(Role.APPLICANT)],
        max_examples=15,
        steps=5,
    )


def test_a_reviewers_interviews_to_arrange_come_a_page_at_a_time(
    client, applicant, officer, unit_reviewer
):
    """Every file of the unit at the interview stage was listed on one page (24,000 at ×100
    took 6 s): they come 25 at a time, paged apart from the reviews above them, and a page
    costs the same queries however many there are."""
    program = make_program()
    booked = offer(at_interview(applicant, officer), officer)
    booked = workflow.move(booked, "book", by=applicant)

    def add(count: int) -> None:
        Application.objects.bulk_create(
            Application(applicant=applicant, program=program, stage=Stage.INTERVIEW)
            for _ in range(count)
        )

    def page(query: str = "") -> tuple[str, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/en/students/reviews/{query}")
        assert response.status_code == 200
        listed = response.content.decode()
        section = listed[listed.index('data-testid="interviews-to-arrange"') :]
        return section, len(captured)

    client.force_login(unit_reviewer)
    add(4)
    few, few_queries = page()
    assert "Time booked" in few  # the booked file (the oldest) with its state
    assert few.count("/interviews/") == 5
    add(25)
    first, queries = page("?status=requested")
    assert queries == few_queries
    assert first.count("/interviews/") == 25 and "Time booked" in first
    assert 'href="?status=requested&amp;interviews_page=2"' in first  # the list's filter kept
    second, _queries = page("?status=requested&interviews_page=2")
    assert second.count("/interviews/") == 5 and "Time booked" not in second
    assert "0 times offered" in second
