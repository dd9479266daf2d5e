"""The outbox: nothing leaves before commit, a rolled-back change sends nothing, a send that runs
twice sends once, transient errors retry, permanent ones are recorded."""

import re
import smtplib

import pytest
from django.core import mail
from django.db import transaction

from intlaffairs import outbox
from intlaffairs.models import OutgoingMail

# The test's transaction never commits: django_capture_on_commit_callbacks stands for the commit.
pytestmark = pytest.mark.django_db

CONTEXT = {"agreement": None}


def queue(to="someone@example.org", language="fa"):
    from agreements.models import Agreement

    agreement = Agreement(title_fa="تفاهم‌نامه", title_en="MoU", pk=1)
    return outbox.mail_queue(
        to=to,
        language=language,
        template="agreements/email/renewal_reminder",
        context={"agreement": agreement, "days_before": 30, "recipient": None, "url": "http://x"},
    )


def test_mail_leaves_after_commit_in_its_language(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as delivery:
        with transaction.atomic():
            queue(language="ckb")
        assert mail.outbox == []
    assert len(delivery) == 1
    assert len(mail.outbox) == 1
    assert "٣٠" in mail.outbox[0].subject
    assert mail.outbox[0].alternatives[0][1] == "text/html"
    assert OutgoingMail.objects.get().status == "sent"


def test_a_rolled_back_change_sends_nothing(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as delivery,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue()
        raise RuntimeError("the change failed")
    assert delivery == []
    assert mail.outbox == []
    assert not OutgoingMail.objects.exists()


def test_sending_twice_sends_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    assert len(mail.outbox) == 1
    assert outbox.outbox_deliver(mail_id=message.pk) == "sent"
    assert len(mail.outbox) == 1


def test_transient_errors_are_retried_and_permanent_ones_recorded(monkeypatch, settings):
    settings.CELERY_TASK_EAGER_PROPAGATES = False
    calls = {"n": 0}

    def flaky(self, *args, **kwargs):
        calls["n"] += 1
        raise smtplib.SMTPServerDisconnected("connection lost")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", flaky)
    message = OutgoingMail.objects.create(
        to="a@example.org", subject="s", body_text="b", language="en"
    )
    with pytest.raises(outbox.TransientMailError):
        outbox.outbox_deliver(mail_id=message.pk)
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("pending", 1)
    assert "connection lost" in message.last_error

    def refused(self, *args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no such user")})

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refused)
    assert outbox.outbox_deliver(mail_id=message.pk) == "failed"
    message.refresh_from_db()
    assert message.status == "failed" and "550" in message.last_error


def test_a_message_that_keeps_failing_gives_up_after_the_limit(monkeypatch, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2

    def flaky(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", flaky)
    message = OutgoingMail.objects.create(
        to="a@example.org", subject="s", body_text="b", language="en"
    )
    with pytest.raises(outbox.TransientMailError):
        outbox.outbox_deliver(mail_id=message.pk)
    assert outbox.outbox_deliver(mail_id=message.pk) == "failed"


def test_managers_see_the_mail_that_could_not_be_sent(client, make_user):
    from intlaffairs.roles import Role

    OutgoingMail.objects.create(
        to="gone@example.org",
        subject="s",
        body_text="b",
        language="en",
        status="failed",
        last_error="SMTPRecipientsRefused: 550 no such user",
    )
    OutgoingMail.objects.create(
        to="ok@example.org", subject="s", body_text="b", language="en", status="sent"
    )
    client.force_login(make_user(Role.MANAGER))
    html = client.get("/en/outbox/?status=failed").content.decode()
    assert "gone@example.org" in html and "550 no such user" in html
    assert "ok@example.org" not in html
    client.force_login(make_user(Role.OFFICER))
    assert client.get("/en/outbox/").status_code == 403


def test_the_dashboard_warns_managers_of_undelivered_mail(client, make_user):
    from intlaffairs.roles import Role

    client.force_login(make_user(Role.MANAGER))
    assert "could not be sent" not in client.get("/en/dashboard/").content.decode()
    OutgoingMail.objects.create(
        to="a@example.org", subject="s", body_text="b", language="en", status="failed"
    )
    assert "1 e-mail could not be sent." in client.get("/en/dashboard/").content.decode()


def test_a_sent_password_reset_leaves_no_link_in_the_stored_row(
    client, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/password/reset/", {"email": officer.email})
    link = re.search(r"http://testserver(\S+/password/reset/key/(\S+)/)", mail.outbox[0].body)
    key = link[2].split("-", 1)[-1]  # "<uid>-<token>": the token is the secret
    row = OutgoingMail.objects.get(to=officer.email)
    assert row.status == "sent" and row.subject == mail.outbox[0].subject and row.sent_at
    stored = row.body_text + row.body_html
    assert link[1] not in stored and key not in stored
    assert row.body_text == row.body_html == ""
