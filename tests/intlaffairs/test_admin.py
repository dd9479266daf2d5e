"""The admin of messages, saved replies, issued documents and the letterhead: records of what
was said and issued are read only there; an issued document is revoked only through the
documents service, with a reason; saved replies and the letterhead keep their own checks."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.uploadedfile import SimpleUploadedFile

from intlaffairs import documents, workflow
from intlaffairs.messaging import message_post
from intlaffairs.models import IssuedDocument, Letterhead, SavedReply

from ..students.helpers import complete_draft, make_program

pytestmark = pytest.mark.django_db

CHANGELIST = "/en/admin/intlaffairs/issueddocument/"


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def document(faculty, manager) -> IssuedDocument:
    return documents.document_issue(
        kind=IssuedDocument.Kind.POINTS_STATEMENT,
        record=faculty,
        scope="1405",
        language="en",
        by=manager,
    )


@pytest.mark.parametrize("model", ["message", "savedreply", "issueddocument", "letterhead"])
def test_the_administrator_lists_each_model(admin_client, model):
    assert admin_client.get(f"/en/admin/intlaffairs/{model}/").status_code == 200


def test_an_issued_document_is_shown_but_never_changed_added_or_deleted(admin_client, document):
    page = admin_client.get(f"{CHANGELIST}{document.pk}/change/")
    assert page.status_code == 200
    assert document.number in page.content.decode()
    assert 'name="_save"' not in page.content.decode()
    number = document.number
    posted = admin_client.post(f"{CHANGELIST}{document.pk}/change/", {"number": "X-1"})
    assert posted.status_code == 403
    assert admin_client.get(f"{CHANGELIST}add/").status_code == 403
    assert (
        admin_client.post(f"{CHANGELIST}{document.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    document.refresh_from_db()
    assert document.number == number


def revoke(client, document, **extra):
    return client.post(
        CHANGELIST, {"action": "revoke", ACTION_CHECKBOX_NAME: [document.pk], **extra}, follow=True
    )


def test_revoking_in_the_admin_asks_the_reason_and_goes_through_the_service(
    admin_client, administrator, document
):
    asked = revoke(admin_client, document)
    assert "reason for revoking" in asked.content.decode().lower()
    document.refresh_from_db()
    assert document.is_valid

    revoked = revoke(admin_client, document, reason="Issued to the wrong person")
    document.refresh_from_db()
    assert not document.is_valid
    assert document.revoked_by == administrator
    assert document.revocation_reason == "Issued to the wrong person"
    assert "1 document has been revoked." in revoked.content.decode()


def test_an_empty_reason_is_refused_and_nothing_is_revoked(admin_client, document):
    page = revoke(admin_client, document, reason="   ").content.decode()
    assert "Give the reason for revoking the document." in page
    document.refresh_from_db()
    assert document.is_valid


def test_revoking_twice_says_so_and_keeps_the_first_reason(admin_client, document):
    revoke(admin_client, document, reason="first")
    page = revoke(admin_client, document, reason="second").content.decode()
    assert "This document has already been revoked." in page
    document.refresh_from_db()
    assert document.revocation_reason == "first"


def test_messages_are_read_only(admin_client, applicant, officer):
    application = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    message = message_post(
        subject=application, by=officer, body="Please send your passport.", from_office=True
    )
    url = f"/en/admin/intlaffairs/message/{message.pk}/change/"
    assert "Please send your passport." in admin_client.get(url).content.decode()
    assert admin_client.post(url, {"body": "changed"}).status_code == 403
    assert admin_client.get("/en/admin/intlaffairs/message/add/").status_code == 403
    message.refresh_from_db()
    assert message.body == "Please send your passport."


def test_a_saved_reply_with_an_unknown_placeholder_is_refused_and_the_text_kept(admin_client):
    page = admin_client.post(
        "/en/admin/intlaffairs/savedreply/add/",
        {"title": "Welcome", "language": "en", "body": "Dear {nmae}", "is_active": "on"},
    )
    assert page.status_code == 200
    assert "Unknown placeholder" in page.content.decode()
    assert "Dear {nmae}" in page.content.decode()
    assert not SavedReply.objects.exists()
    admin_client.post(
        "/en/admin/intlaffairs/savedreply/add/",
        {"title": "Welcome", "language": "en", "body": "Dear {name}", "is_active": "on"},
    )
    assert SavedReply.objects.get().body == "Dear {name}"


def test_there_is_one_letterhead_and_its_pictures_are_checked(admin_client, administrator):
    add = "/en/admin/intlaffairs/letterhead/add/"
    fake = SimpleUploadedFile("logo.png", b"not a picture", content_type="image/png")
    page = admin_client.post(add, {"signatory_name_en": "Dr. A", "logo": fake})
    assert page.status_code == 200 and not Letterhead.objects.exists()
    admin_client.post(add, {"signatory_name_en": "Dr. A"})
    letterhead = Letterhead.objects.get()
    assert letterhead.updated_by == administrator
    assert admin_client.get(add).status_code == 403
    delete = f"/en/admin/intlaffairs/letterhead/{letterhead.pk}/delete/"
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
