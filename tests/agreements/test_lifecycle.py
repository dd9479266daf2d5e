"""The agreement lifecycle (agreements/workflows.py): steps, managers' decisions, renewal."""

import re
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils import translation

from agreements import services
from agreements.models import Agreement
from intlaffairs import workflow
from intlaffairs.models import StateChange, User
from intlaffairs.roles import Role
from intlaffairs.workflow import allowed, move

from ..factories import AgreementFactory

Status = Agreement.Status
pytestmark = pytest.mark.django_db


def walk(agreement, by, *steps):
    for step in steps:
        agreement = move(agreement, step, by=by)
    return agreement


def history(agreement):
    return list(
        StateChange.objects.filter(object_id=agreement.pk, content_type__model="agreement")
        .order_by("at", "id")
        .values_list("from_state", "to_state", "by")
    )


def test_an_agreement_walks_from_draft_to_active_and_every_step_is_recorded(officer, manager):
    agreement = AgreementFactory(signed_on=date(2026, 1, 5), ends_on=date(2029, 1, 4))
    agreement = walk(agreement, officer, "negotiate", "send_for_signature")
    agreement = move(agreement, "activate", by=manager, note="signed in Baghdad")
    agreement.refresh_from_db()
    assert agreement.status == Status.ACTIVE
    assert history(agreement) == [
        (Status.DRAFT, Status.NEGOTIATION, officer.pk),
        (Status.NEGOTIATION, Status.AWAITING_SIGNATURE, officer.pk),
        (Status.AWAITING_SIGNATURE, Status.ACTIVE, manager.pk),
    ]
    assert agreement.moves.last().note == "signed in Baghdad"


def test_an_officer_cannot_activate_or_terminate(officer):
    agreement = AgreementFactory(status=Status.AWAITING_SIGNATURE, signed_on=date(2026, 1, 1))
    for step in ("activate", "terminate"):
        with (
            translation.override("en"),
            pytest.raises(
                ValidationError,
                match=r"^\['Only an office manager can activate or terminate an agreement\.'\]$",
            ),
        ):
            move(agreement, step, by=officer, note="why")
    agreement.refresh_from_db()
    assert agreement.status == Status.AWAITING_SIGNATURE
    assert not agreement.moves.exists()


@pytest.mark.parametrize(
    ("start", "step"),
    [
        (Status.DRAFT, "activate"),
        (Status.DRAFT, "send_for_signature"),
        (Status.EXPIRED, "activate"),
        (Status.TERMINATED, "back_to_draft"),
        (Status.ACTIVE, "back_to_negotiation"),
    ],
)
def test_steps_outside_the_lifecycle_are_refused(manager, start, step):
    agreement = AgreementFactory(status=start, signed_on=date(2026, 1, 1), ends_on=date(2027, 1, 1))
    with translation.override("en"):
        refusal = f"This cannot go from “{Status(start).label}” to “"
        with pytest.raises(ValidationError, match=re.escape(refusal)):
            move(agreement, step, by=manager, note="why")
    agreement.refresh_from_db()
    assert agreement.status == start


def test_activation_needs_the_signing_and_end_dates(manager):
    agreement = AgreementFactory(status=Status.AWAITING_SIGNATURE)
    with pytest.raises(ValidationError, match="تاریخ امضا"):
        move(agreement, "activate", by=manager)


def test_termination_needs_a_reason(manager):
    agreement = AgreementFactory(status=Status.ACTIVE)
    with (
        translation.override("en"),
        pytest.raises(ValidationError, match="Enter why it is terminated"),
    ):
        move(agreement, "terminate", by=manager, note="  ")
    agreement.refresh_from_db()
    assert agreement.status == Status.ACTIVE


def test_awaiting_signature_can_go_back_to_negotiation_with_a_reason(officer):
    agreement = AgreementFactory(status=Status.AWAITING_SIGNATURE)
    with (
        translation.override("en"),
        pytest.raises(ValidationError, match="Enter why it goes back"),
    ):
        move(agreement, "back_to_negotiation", by=officer)
    agreement = move(agreement, "back_to_negotiation", by=officer, note="the partner asks a change")
    assert agreement.status == Status.NEGOTIATION


def test_officer_is_offered_only_the_steps_an_officer_may_take(officer, manager, faculty):
    agreement = AgreementFactory(status=Status.AWAITING_SIGNATURE)
    officers = {option.name: option for option in allowed(agreement, officer)}
    # the officer may go back; activation is shown as the manager's, termination not at all
    assert officers["back_to_negotiation"].ok
    assert not officers["activate"].ok and not officers["activate"].theirs
    assert "terminate" not in officers
    managers = {option.name for option in allowed(agreement, manager) if option.ok}
    assert managers == {"back_to_negotiation", "terminate"}  # activation waits for the dates
    assert allowed(agreement, faculty) == []


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
    with (
        translation.override("en"),
        pytest.raises(ValidationError, match=r"^\['This agreement has already been renewed\.'\]$"),
    ):
        services.agreement_renew(agreement=agreement, by=officer)


def test_a_draft_cannot_be_renewed(officer):
    with (
        translation.override("en"),
        pytest.raises(
            ValidationError, match=r"^\['Only an active or expired agreement can be renewed\.'\]$"
        ),
    ):
        services.agreement_renew(agreement=AgreementFactory(), by=officer)


def test_the_successor_keeps_the_owner_and_records_who_renewed_it(officer, manager):
    agreement = AgreementFactory(
        status=Status.EXPIRED, signed_on=date(2023, 1, 1), ends_on=date(2026, 1, 1), owner=officer
    )
    with translation.override("en"):
        successor = services.agreement_renew(agreement=agreement, by=manager)
    assert successor.owner == officer  # not the manager who renewed it
    assert history(successor) == [("", Status.DRAFT, manager.pk)]
    assert successor.moves.get().note == f"Renewal of agreement #{agreement.pk}"


def test_an_agreement_without_an_owner_is_renewed_into_the_renewers_hands(officer):
    agreement = AgreementFactory(
        status=Status.ACTIVE, signed_on=date(2024, 1, 1), ends_on=date(2027, 1, 1)
    )
    assert agreement.owner is None
    successor = services.agreement_renew(agreement=agreement, by=officer)
    successor.refresh_from_db()
    assert successor.owner == officer


def test_a_faculty_member_proposing_becomes_an_initiator(faculty):
    agreement = Agreement(title_fa="پیشنهاد", title_en="Proposal", type="research")
    created = services.agreement_create(
        agreement=agreement, partners=[], scopes=[], initiators=[], by=faculty
    )
    assert created.status == Status.DRAFT
    assert list(created.initiators.all()) == [faculty]
    assert created.owner is None


def test_office_staff_who_also_teach_own_what_they_create_and_do_not_initiate_it(officer):
    officer.groups.add(Group.objects.get_or_create(name=Role.FACULTY)[0])
    officer = User.objects.get(pk=officer.pk)  # the roles read afresh
    assert officer.has_role(Role.FACULTY) and officer.is_office_staff
    agreement = Agreement(title_fa="پیشنهاد", title_en="Proposal", type="research")
    created = services.agreement_create(
        agreement=agreement, partners=[], scopes=[], initiators=[], by=officer
    )
    assert created.owner == officer
    assert list(created.initiators.all()) == []


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
    assert ended.moves.get().to_state == Status.EXPIRED
    assert ended.moves.get().by is None


def test_expiry_says_why_and_tries_only_active_agreements(monkeypatch):
    today = date(2026, 11, 28)
    ended = AgreementFactory(
        status=Status.ACTIVE, signed_on=date(2023, 1, 1), ends_on=date(2026, 11, 27)
    )
    for status in (Status.EXPIRED, Status.TERMINATED, Status.DRAFT):
        AgreementFactory(status=status, signed_on=date(2023, 1, 1), ends_on=date(2026, 1, 1))
    tried = []

    def move_watched(agreement, *args, **kwargs):
        tried.append(agreement.pk)
        return move(agreement, *args, **kwargs)

    monkeypatch.setattr(workflow, "move", move_watched)
    with translation.override("en"):
        assert services.agreements_expire(today=today) == 1
    assert tried == [ended.pk]  # those no longer active are not even locked and refused
    assert ended.moves.get().note == "Ended on its end date."


def test_expiry_counts_each_agreement_it_expires_and_skips_one_another_run_expired(monkeypatch):
    today = date(2026, 11, 28)
    ended = [
        AgreementFactory(status=Status.ACTIVE, signed_on=date(2023, 1, 1), ends_on=end)
        for end in (date(2026, 1, 1), date(2026, 6, 1), date(2026, 11, 27))
    ]
    raced = []

    def move_after_another_run(agreement, *args, **kwargs):
        if not raced:  # another run expires the first one between our read and our lock
            raced.append(move(agreement, "expire", by=None))
        return move(agreement, *args, **kwargs)

    monkeypatch.setattr(workflow, "move", move_after_another_run)
    assert services.agreements_expire(today=today) == 2
    assert len(raced) == 1
    for agreement in ended:
        agreement.refresh_from_db()
        assert agreement.status == Status.EXPIRED
        assert agreement.moves.count() == 1
