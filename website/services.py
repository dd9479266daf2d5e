"""Writes of the public site: a visitor's contact message, which opens a thread the office
answers (intlaffairs.messaging tells the officers and carries the replies back by e-mail)."""

from django.db import transaction

from intlaffairs import messaging
from intlaffairs.models import User
from intlaffairs.threads import Reader

from .models import Inquiry


def inquiry_send(
    *, name: str, email: str, subject: str, message: str, language: str, sender: User | None
) -> Inquiry:
    """Record a contact message in `language` (the page's) and post its text as the first
    message of its thread, which e-mails the officers. A signed-in `sender` reads the answers
    on the portal too; anyone else gets them by e-mail at `email`."""
    with transaction.atomic():
        account = sender if sender is not None and sender.is_authenticated else None
        inquiry = Inquiry.objects.create(
            name=name.strip(),
            email=email,
            subject=subject.strip(),
            language=language,
            applicant=account,
        )
        messaging.message_post(subject=inquiry, by=account, body=message, from_office=False)
        return inquiry


def inquiry_reader(inquiry: Inquiry) -> Reader:
    """The office's replies go to the address the visitor gave, in the language they wrote in;
    on the portal too if they were signed in."""
    return Reader(
        email=inquiry.email,
        language=inquiry.language,
        display_name=inquiry.name,
        has_account=inquiry.applicant_id is not None,
    )


def inquiry_placeholders(inquiry: Inquiry) -> dict[str, str]:
    """A contact message names no application or deadline: those placeholders stay empty; its
    subject stands for the program."""
    return {
        "name": inquiry.name,
        "reference": "",
        "program": inquiry.subject,
        "deadline": "",
        "missing_documents": "",
    }
