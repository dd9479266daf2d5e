"""The agreement lifecycle in the service: allowed transitions, managers' decisions, renewal."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from agreements import services
from agreements.models import Agreement, Transition
from intlaffairs.roles import Role

from ..factories import AgreementFactory

Status = Agreement.Status
pytestmark = pytest.mark.django_db


def walk(agreement, by, *statuses):
    for status in statuses:
        services.agreement_transition(agreement=agreement, to_status=status, by=by)
        agreement.refresh_from_db()


def test_an_agreement_walks_from_draft_to_active_and_every_step_is_recorded(officer, manager):
    agreement = AgreementFactory(signed_on=date(2026, 1, 5), ends_on=date(2029, 1, 4))
    walk(agreement, officer, Status.NEGOTIATION, Status.AWAITING_SIGNATURE)
    services.agreement_transition(
        agreement=agreement, to_status=Status.ACTIVE, by=manager, note="signed in Baghdad"
    )
    agreement.refresh_from_db()
    assert agreement.status == Status.ACTIVE
    steps = list(Transition.objects.filter(agreement=agreement).values_list("to_status", "by"))
    assert steps == [
        (Status.NEGOTIATION, officer.pk),
        (Status.AWAITING_SIGNATURE, officer.pk),
        (Status.ACTIVE, manager.pk),
    ]
    assert agreement.transitions.last().note == "signed in Baghdad"


def test_an_officer_cannot_activate_or_terminate(officer):
    agreement = AgreementFactory(status=Status.AWAITING_SIGNATURE, signed_on=date(2026, 1, 1))
    for status in (Status.ACTIVE, Status.TERMINATED):
        with pytest.raises(ValidationError):
            services.agreement_transition(agreement=agreement, to_status=status, by=officer)
    agreement.refresh_from_db()
    assert agreement.status == Status.AWAITING_SIGNATURE
    assert not agreement.transitions.exists()


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (Status.DRAFT, Status.ACTIVE),
        (Status.DRAFT, Status.EXPIRED),
        (Status.EXPIRED, Status.ACTIVE),
        (Status.TERMINATED, Status.DRAFT),
        (Status.ACTIVE, Status.DRAFT),
    ],
)
def test_transitions_outside_the_lifecycle_are_refused(manager, start, target):
    agreement = AgreementFactory(status=start, signed_on=date(2026, 1, 1), ends_on=date(2027, 1, 1))
    with pytest.raises(ValidationError):
        services.agreement_transition(agreement=agreement, to_status=target, by=manager)
    agreement.refresh_from_db()
    assert agreement.status == start


def test_activation_needs_the_signing_and_end_dates(manager):
    agreement = AgreementFactory(status=Status.AWAITING_SIGNATURE)
    with pytest.raises(ValidationError):
        services.agreement_transition(agreement=agreement, to_status=Status.ACTIVE, by=manager)


def test_officer_is_offered_only_the_steps_an_officer_may_take(officer, manager):
    agreement = AgreementFactory(status=Status.AWAITING_SIGNATURE)
    assert services.allowed_transitions(agreement, officer) == [Status.NEGOTIATION]
    assert set(services.allowed_transitions(agreement, manager)) == {
        Status.NEGOTIATION,
        Status.ACTIVE,
        Status.TERMINATED,
    }


def test_renewal_creates_a_linked_draft_successor_once(officer, make_user):
    initiator = make_user(Role.FACULTY)
    agreement = AgreementFactory(
        status=Status.ACTIVE, signed_on=date(2024, 1, 1), ends_on=date(2027, 1, 1), owner=officer
    )
    agreement.initiators.add(initiator)
    successor = services.agreement_renew(agreement=agreement, by=officer)
    assert successor.predecessor == agreement
    assert successor.status == Status.DRAFT
    assert successor.title_fa == agreement.title_fa
    assert list(successor.partners.all()) == list(agreement.partners.all())
    assert list(successor.initiators.all()) == [initiator]
    assert successor.starts_on == date(2027, 1, 1)
    with pytest.raises(ValidationError):
        services.agreement_renew(agreement=agreement, by=officer)


def test_a_draft_cannot_be_renewed(officer):
    with pytest.raises(ValidationError):
        services.agreement_renew(agreement=AgreementFactory(), by=officer)


def test_a_faculty_member_proposing_becomes_an_initiator(faculty):
    agreement = Agreement(title_fa="پیشنهاد", title_en="Proposal", type="research")
    created = services.agreement_create(
        agreement=agreement, partners=[], scopes=[], initiators=[], by=faculty
    )
    assert created.status == Status.DRAFT
    assert list(created.initiators.all()) == [faculty]
    assert created.owner is None


def test_changes_are_kept_in_the_history():
    agreement = AgreementFactory(title_en="Before")
    records_before = agreement.history.count()
    agreement.title_en = "Renamed"
    agreement.save()
    assert agreement.history.count() == records_before + 1
    latest, previous = agreement.history.all()[:2]
    assert (previous.title_en, latest.title_en) == ("Before", "Renamed")


def test_active_agreements_past_their_end_expire_once():
    today = date(2026, 11, 28)
    ended = AgreementFactory(
        status=Status.ACTIVE, signed_on=date(2023, 1, 1), ends_on=date(2026, 11, 27)
    )
    running = AgreementFactory(status=Status.ACTIVE, signed_on=date(2023, 1, 1), ends_on=today)
    assert services.agreements_expire(today=today) == 1
    assert services.agreements_expire(today=today) == 0
    ended.refresh_from_db()
    running.refresh_from_db()
    assert (ended.status, running.status) == (Status.EXPIRED, Status.ACTIVE)
    assert ended.transitions.get().to_status == Status.EXPIRED
