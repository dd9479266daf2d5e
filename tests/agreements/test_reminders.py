"""Renewal reminders: 180, 90 and 30 days before the end, each exactly once, in each language."""

import threading
from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import translation

from agreements import services
from agreements.models import Agreement, RenewalReminder
from intlaffairs.roles import Role

from ..factories import AgreementFactory

TODAY = date(2026, 11, 28)


def active_agreement(days_left: int, **kwargs):
    return AgreementFactory(
        status=Agreement.Status.ACTIVE,
        signed_on=TODAY - timedelta(days=400),
        ends_on=TODAY + timedelta(days=days_left),
        **kwargs,
    )


@pytest.mark.django_db
def test_each_threshold_is_sent_once_to_the_owner_and_managers_in_their_language(
    make_user, django_capture_on_commit_callbacks
):
    owner = make_user(Role.OFFICER, preferred_language="ckb")
    make_user(Role.MANAGER, preferred_language="en")
    agreement = active_agreement(180, owner=owner)

    def send(today):  # the job's transaction, with the e-mails it queues on commit
        with django_capture_on_commit_callbacks(execute=True):
            return services.renewal_reminders_send(today=today)

    assert send(TODAY) == 1
    assert send(TODAY) == 0  # the job ran twice
    assert len(mail.outbox) == 2
    by_recipient = {message.to[0]: message for message in mail.outbox}
    with translation.override("ckb"):
        ckb_title = agreement.title
    assert ckb_title in by_recipient[owner.email].subject
    assert "١٨٠" in by_recipient[owner.email].body  # Kurdish digits
    assert "180" in next(m for e, m in by_recipient.items() if e != owner.email).subject

    mail.outbox.clear()
    send(TODAY + timedelta(days=45))  # 135 days left: none due
    assert mail.outbox == []
    send(TODAY + timedelta(days=90))  # 90 days left
    send(TODAY + timedelta(days=150))  # 30 days left
    send(TODAY + timedelta(days=151))
    assert sorted(RenewalReminder.objects.values_list("days_before", flat=True)) == [30, 90, 180]
    assert len(mail.outbox) == 4


@pytest.mark.django_db
def test_drafts_and_agreements_far_from_their_end_get_no_reminder(make_user):
    make_user(Role.MANAGER)
    active_agreement(400)
    AgreementFactory(status=Agreement.Status.DRAFT, ends_on=TODAY + timedelta(days=30))
    assert services.renewal_reminders_send(today=TODAY) == 0
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_send_each_reminder_once(needs_postgresql, make_user):
    make_user(Role.MANAGER)
    for days in (30, 90, 180):
        active_agreement(days)
    results = []
    barrier = threading.Barrier(2)

    def worker():
        barrier.wait()
        try:
            results.append(services.renewal_reminders_send(today=TODAY))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == 3
    assert RenewalReminder.objects.count() == 3
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_the_reminder_greets_its_recipient_and_links_to_the_agreement(
    make_user, django_capture_on_commit_callbacks, settings
):
    settings.PORTAL_URL = "https://portal.test.example"
    owner = make_user(Role.OFFICER, preferred_language="en", full_name="Shirin Ahmadi")
    agreement = active_agreement(30, owner=owner)
    with django_capture_on_commit_callbacks(execute=True):
        services.renewal_reminders_send(today=TODAY)
    [message] = mail.outbox
    assert "Dear Shirin Ahmadi," in message.body
    assert f"https://portal.test.example{agreement.get_absolute_url()}" in message.body


@pytest.mark.django_db
def test_only_active_managers_and_the_owner_are_reminded(
    make_user, django_capture_on_commit_callbacks
):
    manager = make_user(Role.MANAGER)
    make_user(Role.MANAGER, is_active=False)
    make_user(Role.OFFICER)  # an officer who does not own the agreement
    make_user(Role.FACULTY)
    active_agreement(30)
    with django_capture_on_commit_callbacks(execute=True):
        services.renewal_reminders_send(today=TODAY)
    assert [message.to for message in mail.outbox] == [[manager.email]]


@pytest.mark.django_db
def test_an_agreement_past_its_end_but_still_active_gets_no_reminder(make_user):
    make_user(Role.MANAGER)
    active_agreement(-1)
    assert services.renewal_reminders_send(today=TODAY) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_reminder_claimed_by_another_run_does_not_stop_the_next_ones(
    make_user, django_capture_on_commit_callbacks
):
    make_user(Role.MANAGER)
    waiting = active_agreement(30)
    claimed = active_agreement(90)
    # The claimed agreement is the newest, so the job meets it first.
    Agreement.objects.filter(pk=claimed.pk).update(
        created_at=waiting.created_at + timedelta(hours=1)
    )
    RenewalReminder.objects.create(agreement=claimed, days_before=90, ends_on=claimed.ends_on)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.renewal_reminders_send(today=TODAY) == 1
    assert RenewalReminder.objects.filter(agreement=waiting, days_before=30).exists()
    assert len(mail.outbox) == 1
