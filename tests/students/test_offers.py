"""The offer of a place: its deadline, the applicant's answer (accept, or decline with a reason),
the daily job that lapses an unanswered offer, and the officers hearing of each."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from intlaffairs import workflow
from intlaffairs.celery import app
from intlaffairs.models import OutgoingMail
from intlaffairs.roles import Role
from students import services, tasks
from students.models import Application, Stage

from .helpers import complete_draft, make_program

pytestmark = pytest.mark.django_db


def at_faculty(applicant, manager) -> Application:
    """A submitted application whose documents are verified, referred to the faculty."""
    application = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    application = workflow.move(application, "start_check", by=manager)
    for document in application.documents.all():
        workflow.move(document, "verify", by=manager)
    return workflow.move(application, "refer_to_faculty", by=manager)


def admitted(applicant, manager, **data) -> Application:
    """An application the manager has just admitted (`data`: what the admit step is given)."""
    return workflow.move(at_faculty(applicant, manager), "admit", by=manager, **data)


def past_deadline(application: Application, days: int = 1) -> Application:
    Application.objects.filter(pk=application.pk).update(
        offer_deadline=timezone.localdate() - timedelta(days=days)
    )
    application.refresh_from_db()
    return application


def officer_mails():
    return OutgoingMail.objects.filter(to__endswith="@officers.example").order_by("pk")


@pytest.fixture
def officers(make_user):
    """Two officers who read their mail in different languages."""
    return [
        make_user(Role.OFFICER, email="sara@officers.example", preferred_language="fa"),
        make_user(Role.OFFICER, email="john@officers.example", preferred_language="en"),
    ]


def test_the_admission_gives_the_offer_21_days_by_default(applicant, manager):
    application = admitted(applicant, manager)
    assert application.offer_deadline == timezone.localdate() + timedelta(days=21)
    # The history keeps the deadline the step set.
    move = application.moves.get(transition="admit")
    assert move.data["offer_deadline"] == str(application.offer_deadline)


def test_the_admission_takes_the_deadline_the_manager_gives(applicant, manager):
    deadline = timezone.localdate() + timedelta(days=10)
    application = admitted(applicant, manager, offer_deadline=deadline)
    assert application.offer_deadline == deadline


def test_a_deadline_in_the_past_is_refused_and_nothing_changes(applicant, manager, english):
    application = at_faculty(applicant, manager)
    with pytest.raises(ValidationError, match="cannot be in the past"):
        workflow.move(
            application,
            "admit",
            by=manager,
            offer_deadline=timezone.localdate() - timedelta(days=1),
        )
    application.refresh_from_db()
    assert application.stage == Stage.FACULTY_REVIEW and application.offer_deadline is None
    assert not application.moves.filter(transition="admit").exists()


def test_the_applicant_accepts_and_the_officers_hear_in_their_languages(
    applicant, manager, officers
):
    applicant.preferred_language = "ckb"
    applicant.save()
    application = admitted(applicant, manager)
    OutgoingMail.objects.all().delete()
    application = workflow.move(application, "accept_offer", by=applicant)
    assert application.stage == Stage.OFFER_ACCEPTED
    subjects = dict(officer_mails().values_list("to", "subject"))
    assert subjects == {
        "sara@officers.example": f"پیشنهاد پذیرش قبول شد: {application.reference}",
        "john@officers.example": f"Offer accepted: {application.reference}",
    }
    # The applicant is told too, in her own language.
    to_her = OutgoingMail.objects.get(to=applicant.email)
    with translation.override("ckb"):
        assert to_her.language == "ckb" and str(Stage.OFFER_ACCEPTED.label) in to_her.subject


def test_only_the_applicant_answers_the_offer(applicant, manager, officers, make_user, english):
    application = admitted(applicant, manager)
    stranger = make_user(Role.APPLICANT)
    for person in (manager, officers[1], stranger):
        for name in ("accept_offer", "decline_offer"):
            with pytest.raises(ValidationError, match="Only the applicant can answer the offer"):
                workflow.move(application, name, by=person, note="On her behalf.")
    application.refresh_from_db()
    assert application.stage == Stage.ADMITTED


def test_declining_needs_a_reason_which_the_officers_read(applicant, manager, officers, english):
    application = admitted(applicant, manager)
    with pytest.raises(ValidationError, match="Enter why you decline"):
        workflow.move(application, "decline_offer", by=applicant, note="  ")
    application.refresh_from_db()
    assert application.stage == Stage.ADMITTED
    OutgoingMail.objects.all().delete()
    application = workflow.move(
        application, "decline_offer", by=applicant, note="I got a place in Baghdad."
    )
    assert application.stage == Stage.OFFER_DECLINED
    english_mail = officer_mails().get(language="en")
    assert english_mail.subject == f"Offer declined: {application.reference}"
    assert "I got a place in Baghdad." in english_mail.body_text
    assert "I got a place in Baghdad." in officer_mails().get(language="fa").body_text
    # Declining ends the application: withdrawing is no longer offered.
    with pytest.raises(ValidationError, match="cannot go from"):
        workflow.move(application, "withdraw", by=applicant)


def test_an_offer_past_its_deadline_cannot_be_accepted_and_says_why(applicant, manager, english):
    application = past_deadline(admitted(applicant, manager), days=2)
    options = {option.name: option for option in workflow.allowed(application, applicant)}
    assert options["accept_offer"].reason.startswith("The offer lapsed on ")
    with pytest.raises(ValidationError, match="The offer lapsed on"):
        workflow.move(application, "accept_offer", by=applicant)
    # Declining it is still an answer the office wants.
    assert options["decline_offer"].ok


def test_the_daily_job_lapses_offers_past_their_deadline_once(applicant, manager, officers):
    late = past_deadline(admitted(applicant, manager))
    on_time = admitted(applicant, manager)  # deadline ahead
    today = admitted(applicant, manager, offer_deadline=timezone.localdate())  # its last day
    OutgoingMail.objects.all().delete()
    assert tasks.offers_lapse.delay().get() == 1
    for application in (late, on_time, today):
        application.refresh_from_db()
    assert late.stage == Stage.OFFER_LAPSED
    assert on_time.stage == today.stage == Stage.ADMITTED
    move = late.moves.get(transition="lapse_offer")
    assert move.by is None
    assert officer_mails().count() == 2
    assert officer_mails().get(language="en").subject == f"Offer lapsed: {late.reference}"
    # Run again: nothing more lapses and nobody is told twice.
    assert services.offers_lapse() == 0
    assert late.moves.filter(transition="lapse_offer").count() == 1
    assert officer_mails().count() == 2


def test_nobody_lapses_an_offer_by_hand_nor_before_its_deadline(applicant, manager, english):
    application = admitted(applicant, manager)
    with pytest.raises(ValidationError, match="The portal takes this step by itself"):
        workflow.move(application, "lapse_offer", by=manager)
    with pytest.raises(ValidationError, match="only after its deadline"):
        workflow.move(application, "lapse_offer", by=None)


def test_the_lapse_job_is_scheduled_daily():
    entry = app.conf.beat_schedule["students-offers-lapse"]
    assert entry["task"] == "students.tasks.offers_lapse"
    assert entry["schedule"].hour == {0}


def test_the_applicant_answers_from_her_page(client, applicant, manager):
    application = admitted(applicant, manager)
    client.force_login(applicant)
    page = client.get(f"/en/students/my/{application.pk}/").content.decode()
    assert f"/move/students.application/{application.pk}/accept_offer/" in page
    assert f"/move/students.application/{application.pk}/decline_offer/" in page
    assert "21 days left" in page
    response = client.post(
        f"/en/move/students.application/{application.pk}/decline_offer/",
        {f"application-{application.pk}-decline_offer-note": ""},
    )
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    application.refresh_from_db()
    assert application.stage == Stage.ADMITTED
    client.post(
        f"/en/move/students.application/{application.pk}/decline_offer/",
        {f"application-{application.pk}-decline_offer-note": "Family reasons."},
    )
    application.refresh_from_db()
    assert application.stage == Stage.OFFER_DECLINED
    page = client.get(f"/en/students/my/{application.pk}/").content.decode()
    assert "Offer declined" in page and "accept_offer" not in page


def test_the_new_stages_have_their_tab_and_filter_in_the_pipeline(
    client, applicant, manager, officer
):
    declined = workflow.move(
        admitted(applicant, manager), "decline_offer", by=applicant, note="No."
    )
    client.force_login(officer)
    page = client.get("/en/students/applications/").content.decode()
    assert "?stage=offer_declined" in page and "?stage=offer_lapsed" in page
    page = client.get("/en/students/applications/?stage=offer_declined").content.decode()
    assert declined.reference in page
    page = client.get("/en/students/applications/?stage=offer_lapsed").content.decode()
    assert declined.reference not in page
