"""After admission: the checklist the office keeps on the application's page (visa letter, visa,
the ministry's registration code, arrival, pick-up, accommodation, insurance, residence permit),
the applicant reading it, and a reminder to the office for each item past its date."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from intlaffairs import workflow
from intlaffairs.models import OutgoingMail
from intlaffairs.roles import Role
from students import services
from students.models import Application, ArrivalItem, Reminder, Stage, registration_code_clean

from .helpers import complete_draft, make_program

pytestmark = pytest.mark.django_db


def admitted(applicant, manager) -> Application:
    application = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    application = workflow.move(application, "start_check", by=manager)
    for document in application.documents.all():
        workflow.move(document, "verify", by=manager)
    application = workflow.move(application, "refer_to_faculty", by=manager)
    return workflow.move(application, "admit", by=manager)


def checklist_post(**changes) -> dict:
    """The form as the page sends it: every item pending and empty, then `changes`
    ("visa-state": "done", "values-registration_code": "...")."""
    data = {}
    for kind in ArrivalItem.Kind.values:
        data |= {f"{kind}-state": "pending", f"{kind}-date": "", f"{kind}-note": ""}
    data |= {
        "values-registration_code": "",
        "values-residence_permit_number": "",
        "values-residence_expires_on": "",
    }
    return data | {key.replace("__", "-"): value for key, value in changes.items()}


def url(application) -> str:
    return f"/en/students/applications/{application.pk}/arrival/"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("14051234", "14051234"), ("۱۴۰۵۱۲۳۴", "14051234"), ("١٤٠٥ ١٢٣٤", "14051234")],
)
def test_the_registration_code_is_8_digits_in_any_script(typed, stored):
    assert registration_code_clean(typed) == stored


@pytest.mark.parametrize("typed", ["1405123", "140512345", "FS-14051", "1405123a"])
def test_a_registration_code_that_is_not_8_digits_is_refused(typed, english):
    with pytest.raises(ValidationError, match="The registration code is 8 digits"):
        registration_code_clean(typed)


def test_the_office_keeps_the_checklist_and_the_applicant_reads_it(
    client, officer, manager, applicant
):
    application = admitted(applicant, manager)
    client.force_login(officer)
    page = client.get(f"/en/students/applications/{application.pk}/").content.decode()
    assert "After admission" in page and 'name="pickup-state"' in page
    response = client.post(
        url(application),
        checklist_post(
            visa_letter__state="done",
            visa_letter__date="2026-11-20",
            registration__state="done",
            values__registration_code="۱۴۰۵۱۲۳۴",
            pickup__state="not_needed",
            pickup__note="Her brother meets her at the airport.",
            arrival__date="2027-01-10",
        ),
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.registration_code == "14051234"
    items = {item.kind: item for item in application.arrival_items.all()}
    assert items["visa_letter"].state == "done"
    assert items["visa_letter"].date == date(2026, 11, 20)
    assert items["pickup"].state == "not_needed" and items["pickup"].updated_by == officer
    assert items["arrival"].date == date(2027, 1, 10)
    assert set(items) == {"visa_letter", "registration", "pickup", "arrival"}  # the ones changed
    # Saved again unchanged by someone else: who changed each item last stays.
    client.force_login(manager)
    client.post(
        url(application),
        checklist_post(
            visa_letter__state="done",
            visa_letter__date="2026-11-20",
            registration__state="done",
            values__registration_code="14051234",
            pickup__state="not_needed",
            pickup__note="Her brother meets her at the airport.",
            arrival__date="2027-01-10",
            insurance__state="done",
        ),
    )
    updated = dict(application.arrival_items.values_list("kind", "updated_by"))
    assert updated["pickup"] == officer.pk and updated["insurance"] == manager.pk
    client.force_login(applicant)
    page = client.get(f"/en/students/my/{application.pk}/").content.decode()
    assert "Her brother meets her at the airport." in page and "Not needed" in page
    assert "14051234" in page
    # Read-only for her: no form, and the office's URL is not hers.
    assert 'name="pickup-state"' not in page
    assert client.post(url(application), checklist_post()).status_code == 403


def test_bad_input_is_refused_with_its_reason_and_nothing_is_saved(
    client, officer, manager, applicant
):
    application = admitted(applicant, manager)
    client.force_login(officer)
    response = client.post(
        url(application),
        checklist_post(values__registration_code="12345", insurance__note="Paid"),
    )
    assert response.status_code == 400
    assert "The registration code is 8 digits" in response.content.decode()
    assert 'value="Paid"' in response.content.decode()  # what was typed is shown again
    response = client.post(url(application), checklist_post(registration__state="done"))
    assert "Enter the registration code before marking it done." in response.content.decode()
    response = client.post(
        url(application),
        checklist_post(visa_letter__date="2026-11-20", visa__date="2026-11-01"),
    )
    assert "The visa cannot be granted before the visa letter was sent." in (
        response.content.decode()
    )
    response = client.post(url(application), checklist_post(arrival__state="maybe"))
    assert response.status_code == 400
    assert not application.arrival_items.exists()
    application.refresh_from_db()
    assert application.registration_code == ""


def test_the_checklist_waits_for_the_admission_and_is_not_for_other_people(
    client, officer, applicant, make_user, english
):
    submitted = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    client.force_login(officer)
    page = client.get(f"/en/students/applications/{submitted.pk}/").content.decode()
    assert 'name="pickup-state"' not in page
    client.post(url(submitted), checklist_post(insurance__state="done"))
    assert not submitted.arrival_items.exists()
    with pytest.raises(
        ValidationError, match=r"^\['The checklist is kept once the applicant is admitted\.'\]$"
    ):
        services.arrival_checklist_save(application=submitted, items=[], values={}, by=officer)
    client.force_login(make_user(Role.FACULTY))
    assert client.post(url(submitted), checklist_post()).status_code == 403
    # A draft is the applicant's alone: the office's URL answers 404 for it.
    draft = complete_draft(applicant, make_program(name_en="Dentistry"))
    client.force_login(officer)
    assert client.post(url(draft), checklist_post()).status_code == 404


def test_an_item_past_its_date_and_not_done_reminds_the_officers_once(
    applicant, manager, make_user
):
    officer = make_user(Role.OFFICER, email="desk@test.example", preferred_language="en")
    application = admitted(applicant, manager)
    today = timezone.localdate()
    overdue = ArrivalItem.objects.create(
        application=application, kind="insurance", date=today - timedelta(days=1)
    )
    ArrivalItem.objects.create(
        application=application, kind="visa", state="done", date=today - timedelta(days=9)
    )
    ArrivalItem.objects.create(
        application=application, kind="arrival", date=today + timedelta(days=3)
    )
    OutgoingMail.objects.all().delete()
    services.reminders_send()
    mails = OutgoingMail.objects.filter(to=officer.email)
    assert [m.subject for m in mails] == [f"Not done yet: Insurance for {application.reference}"]
    services.reminders_send()  # the next day's run: not again
    services.reminders_send(today=today + timedelta(days=1))
    assert OutgoingMail.objects.filter(to=officer.email).count() == 1
    assert Reminder.objects.get(kind="arrival").item == overdue
    # A new date is a new reminder once it passes.
    overdue.date = today - timedelta(days=0)
    overdue.save()
    services.reminders_send(today=today + timedelta(days=1))
    assert OutgoingMail.objects.filter(to=officer.email).count() == 2


def test_no_reminder_once_the_application_has_left_the_way(applicant, manager, officer):
    application = admitted(applicant, manager)
    ArrivalItem.objects.create(
        application=application, kind="insurance", date=timezone.localdate() - timedelta(days=1)
    )
    workflow.move(application, "withdraw", by=applicant)
    services.reminders_send()
    assert not Reminder.objects.filter(kind="arrival").exists()
    assert Application.objects.get(pk=application.pk).stage == Stage.WITHDRAWN


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_turns_the_visa_and_residence_fields_into_items(applicant):
    """Run on a database as it was: the visa dates move into their items, the code and the
    permit keep their fields and are marked done; nothing recorded is lost, either way."""
    before = [("students", "0007_history_to_state_changes")]
    after = [("students", "0008_offers_and_arrival_checklist")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("students", "Application")
    recorded = old.objects.create(
        applicant_id=applicant.pk,
        stage="enrolled",
        visa_requested_on=date(2026, 5, 1),
        visa_issued_on=date(2026, 5, 10),
        registration_code="14051234",
        residence_permit_number="RP1",
        residence_expires_on=date(2027, 5, 1),
    )
    untouched = old.objects.create(applicant_id=applicant.pk, stage="submitted")
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    # Read through the models as they stand at `after`: later migrations add columns.
    state = executor.loader.project_state(after).apps
    applications = state.get_model("students", "Application").objects
    items_of = state.get_model("students", "ArrivalItem").objects
    items = {
        item.kind: (item.state, item.date) for item in items_of.filter(application_id=recorded.pk)
    }
    assert items == {
        "visa_letter": ("done", date(2026, 5, 1)),
        "visa": ("done", date(2026, 5, 10)),
        "registration": ("done", None),
        "residence": ("done", None),
    }
    application = applications.get(pk=recorded.pk)
    assert application.registration_code == "14051234"
    assert application.residence_permit_number == "RP1"
    assert application.residence_expires_on == date(2027, 5, 1)
    assert not items_of.filter(application_id=untouched.pk).exists()
    # and back: the visa items' dates return to their fields
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("students", "Application")
    restored = old.objects.get(pk=recorded.pk)
    assert (restored.visa_requested_on, restored.visa_issued_on) == (
        date(2026, 5, 1),
        date(2026, 5, 10),
    )
    assert old.objects.get(pk=untouched.pk).visa_issued_on is None
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
