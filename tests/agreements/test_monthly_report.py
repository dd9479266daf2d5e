"""The monthly agreements report (services.monthly_report_send): to whom, for which period,
once per manager and day however often and however concurrently the job runs."""

import jdatetime
import pytest
from django.core import mail

from agreements.services import monthly_report_send
from intlaffairs import reports
from intlaffairs.models import OutgoingMail, ReportRequest
from intlaffairs.roles import Role

pytestmark = pytest.mark.django_db

FIRST_OF_DEY = jdatetime.date(1405, 10, 1).togregorian()  # 22 December 2026
FIRST_OF_BAHMAN = jdatetime.date(1405, 11, 1).togregorian()


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """The job's run, with the e-mails it queues sent on commit."""

    def run(today):
        with django_capture_on_commit_callbacks(execute=True):
            return monthly_report_send(today=today)

    return run


@pytest.fixture
def rendered(monkeypatch):
    """The requests report_render is called for, in order (it still renders them)."""
    calls = []
    render = reports.report_render

    def render_watched(*, request_id):
        calls.append(request_id)
        return render(request_id=request_id)

    monkeypatch.setattr(reports, "report_render", render_watched)
    return calls


def test_only_active_managers_get_last_months_report_addressed_to_them(make_user, send):
    manager = make_user(Role.MANAGER, preferred_language="en", full_name="Shirin Ahmadi")
    make_user(Role.MANAGER, is_active=False)
    make_user(Role.OFFICER)
    make_user(Role.FACULTY)
    assert send(FIRST_OF_DEY) == 1
    request = ReportRequest.objects.get()
    assert (request.requested_by, request.scheduled_for) == (manager, FIRST_OF_DEY)
    # Azar 1405, its first day to its last
    assert (request.period_start, request.period_end) == (
        jdatetime.date(1405, 9, 1).togregorian(),
        jdatetime.date(1405, 9, 30).togregorian(),
    )
    (message,) = mail.outbox
    assert message.to == [manager.email]
    assert message.body.startswith("Dear Shirin Ahmadi,")
    expected = "The agreements report for 22 November 2026 to 21 December 2026 is attached."
    assert expected in message.body
    assert expected in message.alternatives[0][0]  # the HTML part
    assert message.attachments[0][0] == "agreements-1405-09.pdf"


def test_each_month_brings_its_own_report(make_user, send):
    manager = make_user(Role.MANAGER)
    assert send(FIRST_OF_DEY) == 1
    assert send(FIRST_OF_BAHMAN) == 1
    requests = ReportRequest.objects.filter(requested_by=manager).order_by("scheduled_for")
    assert [(r.scheduled_for, r.period_start) for r in requests] == [
        (FIRST_OF_DEY, jdatetime.date(1405, 9, 1).togregorian()),
        (FIRST_OF_BAHMAN, jdatetime.date(1405, 10, 1).togregorian()),
    ]
    assert OutgoingMail.objects.count() == 2


def test_a_manager_mailed_today_is_skipped_unread_and_the_next_still_gets_theirs(
    make_user, send, rendered
):
    first = make_user(Role.MANAGER, email="a-manager@example.org")
    assert send(FIRST_OF_DEY) == 1
    second = make_user(Role.MANAGER, email="b-manager@example.org")  # comes after `first`
    rendered.clear()
    assert send(FIRST_OF_DEY) == 1
    (request,) = rendered  # the report already mailed is not rendered or read again
    assert ReportRequest.objects.get(pk=request).requested_by == second
    assert sorted(OutgoingMail.objects.values_list("to", flat=True)) == [
        first.email,
        second.email,
    ]


def test_a_report_another_run_mailed_while_this_one_rendered_is_not_mailed_twice(
    make_user, send, monkeypatch
):
    make_user(Role.MANAGER, email="a-manager@example.org")
    second = make_user(Role.MANAGER, email="b-manager@example.org")
    render = reports.report_render
    raced = []

    def render_while_another_run_mails(*, request_id):
        request = render(request_id=request_id)
        if not raced:  # the other run queued this one's mail and marked it meanwhile
            ReportRequest.objects.filter(pk=request_id).update(params={"mailed": True})
            raced.append(request_id)
        return request

    monkeypatch.setattr(reports, "report_render", render_while_another_run_mails)
    assert send(FIRST_OF_DEY) == 1
    assert ReportRequest.objects.get(pk=raced[0]).requested_by != second
    assert list(OutgoingMail.objects.values_list("to", flat=True)) == [second.email]
    assert ReportRequest.objects.filter(params__mailed=True).count() == 2
