"""The contact form: a visitor's message opens a thread the office answers; the answer reaches
the visitor by e-mail in the language they wrote in. Sending is rate-limited."""

import pytest

from intlaffairs import messaging
from intlaffairs.models import Message, OutgoingMail
from website.models import Inquiry

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Zainab Kareem",
    "email": "zainab@example.org",
    "subject": "Tuition for dentistry",
    "message": "How much is the tuition for dentistry in English?",
}


def test_a_visitors_message_opens_a_thread_and_tells_the_officers(client, officer):
    response = client.post("/ckb/contact/", FORM)
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert (inquiry.name, inquiry.email, inquiry.language) == (
        "Zainab Kareem",
        "zainab@example.org",
        "ckb",
    )
    [message] = messaging.thread_of(inquiry)
    assert message.author is None and not message.from_office
    assert message.body == FORM["message"]
    [mail] = OutgoingMail.objects.all()
    assert mail.to == officer.email and "Zainab Kareem" in mail.body_text


def test_the_office_reads_it_among_its_messages_and_the_answer_goes_by_e_mail(client, officer):
    client.post("/en/contact/", FORM)
    inquiry = Inquiry.objects.get()
    OutgoingMail.objects.all().delete()
    client.force_login(officer)
    assert "Tuition for dentistry" in client.get("/en/messages/").content.decode()
    assert "Tuition for dentistry" in client.get("/en/site/contact/").content.decode()
    page = client.get(f"/en/messages/website.inquiry/{inquiry.pk}/").content.decode()
    assert FORM["message"] in page and "Zainab Kareem" in page
    response = client.post(
        f"/en/messages/website.inquiry/{inquiry.pk}/",
        {"message-body": "It is 7,000 US dollars a year.", "next": "/en/site/contact/"},
    )
    assert response.status_code == 302
    [mail] = OutgoingMail.objects.all()
    assert mail.to == "zainab@example.org" and mail.language == "en"
    assert "It is 7,000 US dollars a year." in mail.body_text
    assert "Dear Zainab Kareem" in mail.body_text
    assert "/messages/" not in mail.body_text  # no page they could not open


def test_the_answer_is_written_in_the_language_of_the_visitor(client, officer):
    client.post("/fa/contact/", FORM)
    inquiry = Inquiry.objects.get()
    messaging.message_post(subject=inquiry, by=officer, body="سلام", from_office=True)
    mail = OutgoingMail.objects.filter(to="zainab@example.org").get()
    assert mail.language == "fa"


def test_a_file_cannot_be_sent_to_a_visitor_without_an_account(client, officer):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post("/en/contact/", FORM)
    inquiry = Inquiry.objects.get()
    with pytest.raises(ValidationError, match="no account"):
        messaging.message_post(
            subject=inquiry,
            by=officer,
            body="See the file",
            from_office=True,
            attachment=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n"),
        )


def test_a_signed_in_applicant_reads_the_answer_on_the_portal_too(client, applicant, officer):
    client.force_login(applicant)
    client.post("/en/contact/", FORM)
    inquiry = Inquiry.objects.get()
    assert inquiry.applicant == applicant
    messaging.message_post(subject=inquiry, by=officer, body="Welcome", from_office=True)
    assert "Welcome" in client.get(f"/en/messages/website.inquiry/{inquiry.pk}/").content.decode()
    mail = OutgoingMail.objects.filter(to="zainab@example.org").get()
    assert f"/en/messages/website.inquiry/{inquiry.pk}/" in mail.body_text


def test_another_visitor_cannot_open_the_thread(client, applicant):
    client.post("/en/contact/", FORM)
    inquiry = Inquiry.objects.get()
    client.force_login(applicant)
    assert client.get(f"/en/messages/website.inquiry/{inquiry.pk}/").status_code == 404


def test_a_bad_form_keeps_what_was_typed_and_says_why(client):
    response = client.post("/en/contact/", {**FORM, "email": "not-an-address", "message": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid email address." in html and "This field is required." in html
    assert 'value="Tuition for dentistry"' in html
    assert not Inquiry.objects.exists() and not Message.objects.exists()


def test_sending_is_limited_per_address_and_the_form_comes_back_as_typed(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    visitor = {"HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    for _ in range(5):
        assert client.post("/en/contact/", FORM, **visitor).status_code == 302
    response = client.post("/en/contact/", {**FORM, "subject": "One more"}, **visitor)
    html = response.content.decode()
    assert response.status_code == 429
    assert "You have sent several messages in a short time." in html
    assert 'value="One more"' in html and FORM["message"] in html
    assert Inquiry.objects.count() == 5
    other = client.post("/en/contact/", FORM, HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert other.status_code == 302


def test_a_saved_reply_to_a_visitor_names_them_and_their_subject_and_nothing_else():
    from intlaffairs.models import SavedReply

    inquiry = Inquiry.objects.create(
        name="Zainab Kareem", email="zainab@example.org", subject="Dentistry", language="en"
    )
    reply = SavedReply.objects.create(
        title="Thanks",
        language="en",
        body="Dear {name}, about {program}: [{reference}] [{deadline}] [{missing_documents}]",
    )
    # A contact message has no reference, deadline or checklist: those stay empty.
    assert messaging.reply_fill(reply, inquiry) == "Dear Zainab Kareem, about Dentistry: [] [] []"
