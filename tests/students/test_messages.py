"""The thread between an applicant and the office (intlaffairs.messaging): on applications and
course applications, its e-mails in each reader's language, read state, the unread badge, the
message of a stage move, attachments, saved replies."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from intlaffairs import messaging, navigation, workflow
from intlaffairs.models import Message, OutgoingMail, SavedReply
from intlaffairs.roles import Role
from students import services
from students.models import Application, Note

from ..exchanges.helpers import course_application, short_course
from .helpers import complete_draft, make_program, png

pytestmark = pytest.mark.django_db


def submitted(applicant, **program) -> Application:
    application = complete_draft(applicant, make_program(**program))
    application = workflow.move(application, "submit", by=applicant)
    OutgoingMail.objects.all().delete()  # the submission's own e-mails
    return application


def thread_url(record, language: str = "en") -> str:
    return f"/{language}/messages/{record._meta.label_lower}/{record.pk}/"


def post(client, record, body: str, attachment=None, language: str = "en", next_url: str = ""):
    data = {"message-body": body, "next": next_url}
    if attachment is not None:
        data["message-attachment"] = attachment
    return client.post(thread_url(record, language), data)


def many_messages(record, author, count: int, *, from_office: bool) -> None:
    Message.objects.bulk_create(
        Message(
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            author=author,
            from_office=from_office,
            body=f"Message {i}",
        )
        for i in range(count)
    )


def test_an_applicants_message_is_unread_for_the_office_and_mailed_to_officers_in_their_language(
    client, applicant, officer, make_user
):
    english_officer = make_user(Role.OFFICER, preferred_language="en")
    application = submitted(applicant)
    client.force_login(applicant)
    page = f"/en/students/my/{application.pk}/"
    response = post(client, application, "  When does the interview start?  ", next_url=page)
    assert response.status_code == 302 and response["Location"] == f"{page}#thread"
    message = application.thread.get()
    assert message.body == "When does the interview start?"
    assert message.author == applicant and not message.from_office and message.read_at is None
    mails = {mail.to: mail for mail in OutgoingMail.objects.all()}
    assert set(mails) == {officer.email, english_officer.email}
    assert mails[officer.email].language == "fa"
    assert "پیام" in mails[officer.email].subject
    assert mails[english_officer.email].subject == (
        f"A message from the applicant: {application.reference}"
    )
    link = f"/en/students/applications/{application.pk}/#thread"
    assert link in mails[english_officer.email].body_text
    assert f"/fa/students/applications/{application.pk}/#thread" in mails[officer.email].body_text
    assert "When does the interview start?" in mails[english_officer.email].body_text


def test_the_offices_reply_is_mailed_to_the_applicant_in_their_language_with_the_thread_link(
    client, officer, make_user
):
    kurdish = make_user(Role.APPLICANT, preferred_language="ckb")
    application = submitted(kurdish)
    client.force_login(officer)
    attachment = SimpleUploadedFile("timetable.png", png().read(), content_type="image/png")
    assert post(client, application, "Your interview is on Monday.", attachment).status_code == 302
    message = application.thread.get()
    assert message.from_office and message.attachment_name == "timetable.png"
    assert (
        message.attachment.name.startswith("messages/")
        and "timetable" not in message.attachment.name
    )
    mail = OutgoingMail.objects.get()
    assert mail.to == kurdish.email and mail.language == "ckb"
    assert f"/ckb/students/my/{application.pk}/#thread" in mail.body_text
    assert "Your interview is on Monday." in mail.body_text
    assert "/messages/files/" not in mail.body_text and "/messages/files/" not in mail.body_html
    assert "A new message" not in mail.subject  # written in Kurdish


def test_opening_the_thread_marks_it_read_for_that_side_only(client, applicant, officer):
    application = submitted(applicant)
    messaging.message_post(subject=application, by=applicant, body="Hello", from_office=False)
    messaging.message_post(subject=application, by=officer, body="Welcome", from_office=True)
    client.force_login(applicant)
    page = client.get(f"/en/students/my/{application.pk}/").content.decode()
    assert "Welcome" in page and "Hello" in page
    assert application.thread.get(body="Welcome").read_at is not None
    assert application.thread.get(body="Hello").read_at is None  # the office has not read it
    client.force_login(officer)
    client.get(f"/en/students/applications/{application.pk}/")
    assert application.thread.get(body="Hello").read_at is not None


def test_another_applicants_thread_and_attachment_are_a_404(client, applicant, make_user):
    application = submitted(applicant)
    message = messaging.message_post(
        subject=application, by=applicant, body="My passport", from_office=False, attachment=png()
    )
    stranger = make_user(Role.APPLICANT)
    client.force_login(stranger)
    assert client.get(thread_url(application)).status_code == 404
    assert client.get(f"/en/messages/files/{message.pk}/").status_code == 404
    assert post(client, application, "Let me in").status_code == 404
    assert application.thread.count() == 1
    client.force_login(applicant)
    download = client.get(f"/en/messages/files/{message.pk}/")
    assert download.status_code == 200 and download["Content-Type"] == "image/png"


def test_the_office_downloads_an_attachment_and_nobody_else_does(
    client, applicant, officer, faculty
):
    application = submitted(applicant)
    message = messaging.message_post(
        subject=application, by=applicant, body="Scan", from_office=False, attachment=png()
    )
    client.force_login(officer)
    assert client.get(f"/en/messages/files/{message.pk}/").status_code == 200
    client.force_login(faculty)
    assert client.get(f"/en/messages/files/{message.pk}/").status_code == 403


@pytest.mark.parametrize("language", ["en", "fa", "ckb", "ar"])
def test_an_attachment_that_is_not_a_pdf_png_or_jpeg_is_refused_and_nothing_is_saved(
    client, applicant, officer, language
):
    with translation.override(language):
        expected = translation.gettext("Upload a PDF, JPEG or PNG file.")
    application = submitted(applicant)
    client.force_login(applicant)
    fake = SimpleUploadedFile(
        "cv.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    response = post(client, application, "Here is my CV", fake, language=language)
    assert response.status_code == 200
    page = response.content.decode()
    assert expected in page and "Here is my CV" in page  # what was typed is kept
    if language != "en":
        assert "Upload a PDF, JPEG or PNG file." not in page
    assert application.thread.count() == 0
    assert OutgoingMail.objects.count() == 0


def test_an_empty_message_is_refused_with_a_translated_error(applicant):
    application = submitted(applicant)
    with pytest.raises(ValidationError, match="Write the message first"):
        messaging.message_post(subject=application, by=applicant, body="   ", from_office=False)
    assert application.thread.count() == 0


def test_a_draft_has_no_thread_yet(applicant):
    draft = complete_draft(applicant, make_program())
    with pytest.raises(ValidationError, match="Submit the application first"):
        messaging.message_post(subject=draft, by=applicant, body="Hi", from_office=False)


def test_only_the_applicant_writes_as_the_applicant_and_only_staff_as_the_office(
    applicant, make_user
):
    application = submitted(applicant)
    other = make_user(Role.APPLICANT)
    with pytest.raises(ValidationError, match="Only the applicant writes"):
        messaging.message_post(subject=application, by=other, body="Hi", from_office=False)
    with pytest.raises(ValidationError, match="Only the office writes"):
        messaging.message_post(subject=application, by=applicant, body="Hi", from_office=True)


def test_office_notes_never_appear_in_the_thread(client, applicant, officer):
    application = submitted(applicant)
    Note.objects.create(application=application, by=officer, text="Internal: check the diploma")
    messaging.message_post(subject=application, by=officer, body="Thank you", from_office=True)
    client.force_login(applicant)
    page = client.get(f"/en/students/my/{application.pk}/").content.decode()
    assert "Thank you" in page and "check the diploma" not in page
    assert "check the diploma" not in client.get(thread_url(application)).content.decode()


def test_the_message_of_a_stage_move_is_in_the_thread_and_is_what_the_email_tells(
    client, applicant, officer
):
    application = submitted(applicant)
    workflow.move(application, "start_check", by=officer, note="We are checking your passport.")
    message = application.thread.get()
    assert message.from_office and message.author == officer
    assert message.body == "We are checking your passport."
    mail = OutgoingMail.objects.get()  # the step's own e-mail, not a second one
    assert mail.to == applicant.email and "We are checking your passport." in mail.body_text
    client.force_login(applicant)
    page = client.get(f"/en/students/my/{application.pk}/").content.decode()
    assert 'data-testid="message"' in page and "We are checking your passport." in page


def test_what_a_stage_move_asks_of_the_applicant_is_in_the_thread_after_its_message(
    applicant, officer
):
    application = submitted(applicant)
    workflow.move(
        application,
        "start_check",
        by=officer,
        note="We are checking your file.",
        request="Send your transcript here, as a PDF.",
    )
    message = application.thread.get()
    assert message.from_office and message.author == officer
    assert message.body == "We are checking your file.\n\nSend your transcript here, as a PDF."


def test_a_stage_move_that_only_asks_something_puts_the_request_in_the_thread(applicant, officer):
    application = submitted(applicant)
    workflow.move(application, "start_check", by=officer, request="Send your transcript here.")
    assert application.thread.get().body == "Send your transcript here."
    assert OutgoingMail.objects.count() == 1  # the step's own e-mail, not a second one


def test_the_threads_own_page_links_to_the_records_page_of_each_side(client, applicant, officer):
    application = submitted(applicant)
    client.force_login(officer)
    page = client.get(thread_url(application, "fa")).content.decode()
    assert f'href="/fa/students/applications/{application.pk}/" data-testid="record-page"' in page
    client.force_login(applicant)
    page = client.get(thread_url(application)).content.decode()
    assert f'href="/en/students/my/{application.pk}/" data-testid="record-page"' in page


def test_the_message_of_a_course_decision_is_in_the_thread(applicant, officer):
    course = course_application(short_course(), applicant, status="submitted")
    workflow.move(course, "accept", by=officer, note="See you in Kermanshah.")
    message = course.thread.get()
    assert message.from_office and message.body == "See you in Kermanshah."
    assert [mail.to for mail in OutgoingMail.objects.all()] == [applicant.email]


def test_a_stage_move_without_a_message_adds_nothing_to_the_thread(applicant, officer):
    application = submitted(applicant)
    workflow.move(application, "start_check", by=officer)
    assert application.thread.count() == 0


def test_the_office_is_told_when_an_applicant_replaces_a_rejected_document(applicant, officer):
    application = submitted(applicant)
    photo = application.documents.get(type__code="photo")
    workflow.move(photo, "reject", by=officer, note="Blurred")
    OutgoingMail.objects.all().delete()
    services.document_add(application=application, doc_type=photo.type, upload=png(), by=applicant)
    message = application.thread.get()
    assert not message.from_office and message.read_at is None
    assert "uploaded a new file" in message.body and str(photo.type.name) in message.body
    assert [mail.to for mail in OutgoingMail.objects.all()] == [officer.email]
    assert messaging.unread_count(officer) == 1


def test_the_navigation_shows_each_side_its_unread_messages(client, applicant, officer):
    application = submitted(applicant)
    messaging.message_post(subject=application, by=applicant, body="One", from_office=False)
    messaging.message_post(subject=application, by=applicant, body="Two", from_office=False)
    messaging.message_post(subject=application, by=officer, body="Answer", from_office=True)
    assert messaging.unread_count(applicant) == 1
    assert messaging.unread_count(officer) == 2
    client.force_login(applicant)
    page = client.get("/en/students/my/").content.decode()
    assert 'data-testid="unread-count">1<span class="visually-hidden"> unread' in page
    client.force_login(officer)
    page = client.get("/en/dashboard/").content.decode()
    assert 'data-testid="unread-count">2<span class="visually-hidden"> unread' in page
    page = client.get("/en/messages/").content.decode()
    assert application.reference in page
    # The office's list says whose thread each is.
    assert f'<bdi data-testid="applicant">{applicant.display_name}</bdi>' in page
    client.get(f"/en/students/applications/{application.pk}/")
    assert messaging.unread_count(officer) == 0
    assert 'data-testid="unread-count"' not in client.get("/en/dashboard/").content.decode()


def test_the_office_badge_reads_99_plus_past_99_unread_messages(client, applicant, officer):
    many_messages(submitted(applicant), applicant, 150, from_office=False)
    client.force_login(officer)
    page = client.get("/fa/dashboard/").content.decode()
    assert 'data-testid="unread-count">۹۹+<span class="visually-hidden">' in page
    Message.objects.filter(pk__in=Message.objects.values("pk")[:51]).delete()
    messaging.unread_changed()  # written around message_post: the badge is told
    page = client.get("/fa/dashboard/").content.decode()
    assert 'data-testid="unread-count">۹۹<span class="visually-hidden">' in page


def test_the_unread_count_is_one_query_for_5_and_500_messages(
    applicant, officer, django_assert_num_queries
):
    application = submitted(applicant)
    course = course_application(short_course(), applicant)
    for size in (5, 500):
        many_messages(application, applicant, size, from_office=False)
        many_messages(course, applicant, size, from_office=False)
        many_messages(application, officer, size, from_office=True)
        # The content types and the person's roles are cached after the first use (a page has
        # read the roles for its menu before it counts).
        messaging.count_unread(officer)
        messaging.count_unread(applicant)
        with django_assert_num_queries(1):
            # The office's count stops one past what its badge shows ("99+").
            assert messaging.count_unread(officer) == min(2 * size, navigation.BADGE_MOST + 1)
        with django_assert_num_queries(1):
            assert messaging.count_unread(applicant) == size
        Message.objects.all().delete()


def test_the_badge_is_counted_again_only_after_a_message_is_written_or_read(
    applicant, officer, django_assert_num_queries
):
    application = submitted(applicant)
    messaging.message_post(subject=application, by=applicant, body="One", from_office=False)
    assert messaging.unread_count(officer) == 1
    with django_assert_num_queries(0):  # every page shows it: kept in the cache
        assert messaging.unread_count(officer) == 1
    messaging.message_post(subject=application, by=applicant, body="Two", from_office=False)
    assert messaging.unread_count(officer) == 2
    assert messaging.unread_count(applicant) == 0
    messaging.message_post(subject=application, by=officer, body="Answer", from_office=True)
    assert messaging.unread_count(applicant) == 1
    messaging.thread_read(application, by=officer)
    assert messaging.unread_count(officer) == 0
    messaging.thread_read(application, by=applicant)
    assert messaging.unread_count(applicant) == messaging.unread_count(officer) == 0
    # What was written around message_post shows once the cache's mark is renewed.
    Message.objects.filter(pk=application.thread.first().pk).update(read_at=None)
    assert messaging.unread_count(officer) == 0
    messaging.unread_changed()
    assert messaging.unread_count(officer) == 1


def test_the_application_pages_and_the_thread_cost_the_same_queries_for_5_and_500_messages(
    client, applicant, officer
):
    application = submitted(applicant)
    course = course_application(short_course(), applicant)
    SavedReply.objects.create(title="Thanks", body="Thank you, {name}.", language="en")
    pages = [
        (applicant, f"/en/students/my/{application.pk}/"),
        (officer, f"/en/students/applications/{application.pk}/"),
        (applicant, thread_url(course)),
        (officer, thread_url(course)),
        (officer, "/en/messages/"),
    ]

    def counts() -> list[int]:
        found = []
        for person, url in pages:
            client.force_login(person)
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200, url
            found.append(len(captured))
        return found

    for record in (application, course):
        many_messages(record, applicant, 5, from_office=False)
        many_messages(record, officer, 5, from_office=True)
    few = counts()
    for record in (application, course):
        many_messages(record, applicant, 495, from_office=False)
        many_messages(record, officer, 495, from_office=True)
    assert counts() == few


def test_a_course_application_has_a_thread_for_its_applicant_and_the_office(
    client, applicant, officer, make_user
):
    course = course_application(short_course(), applicant)
    client.force_login(applicant)
    assert thread_url(course) in client.get("/en/exchanges/my-courses/").content.decode()
    assert post(client, course, "Is there housing?").status_code == 302
    mail = OutgoingMail.objects.get()
    assert mail.to == officer.email and thread_url(course, "fa") in mail.body_text
    client.force_login(officer)
    page = client.get(thread_url(course)).content.decode()
    assert "Is there housing?" in page and 'data-testid="applicant-language"' in page
    assert post(client, course, "Yes, in the dormitory.").status_code == 302
    assert course.thread.get(from_office=True).body == "Yes, in the dormitory."
    client.force_login(make_user(Role.APPLICANT))
    assert client.get(thread_url(course)).status_code == 404


def test_saved_reply_placeholders_are_filled_in_the_applicants_language_and_calendar(
    applicant, officer, make_user
):
    persian = make_user(Role.APPLICANT, preferred_language="fa")
    application = submitted(persian)
    photo = application.documents.get(type__code="photo")
    workflow.move(photo, "reject", by=officer, note="Blurred")
    application.program.deadline = timezone.datetime(2026, 12, 19).date()
    application.program.save()
    reply = SavedReply.objects.create(
        title="Missing",
        language="fa",
        body="{name} ({reference}), {program}: {missing_documents} تا {deadline}",
    )
    text = messaging.reply_fill(reply, Application.objects.get(pk=application.pk))
    assert text == (
        f"زهراء جابر ({application.reference}), پزشکی عمومی: {photo.type.name_fa} تا ۲۸ آذر ۱۴۰۵"
    )


def test_picking_a_saved_reply_fills_the_box_from_the_server(client, applicant, officer):
    application = submitted(applicant)
    reply = SavedReply.objects.create(
        title="Received", language="en", body="Dear {name}, we received {reference}."
    )
    SavedReply.objects.create(title="Retired", language="en", body="Old", is_active=False)
    client.force_login(officer)
    page = client.get(f"/en/students/applications/{application.pk}/").content.decode()
    assert 'data-testid="applicant-language"' in page and "The applicant reads English" in page
    assert f'<option value="{reply.pk}">Received</option>' in page and "Retired" not in page
    url = f"{thread_url(application)}reply-text/"
    box = client.get(url, {"reply": reply.pk}).content.decode()
    assert f"Dear Zahraa Jaber, we received {application.reference}." in box
    assert 'id="message-body-field"' in box
    assert client.get(url, {"reply": 999999}).status_code == 404
    client.force_login(applicant)
    assert client.get(url, {"reply": reply.pk}).status_code == 403


def test_managers_keep_saved_replies_and_an_unknown_placeholder_is_refused(
    client, manager, officer
):
    client.force_login(manager)
    response = client.post(
        "/en/messages/replies/new/",
        {"title": "Deadline", "language": "en", "body": "Hello {nmae}", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "Unknown placeholder: {nmae}" in response.content.decode()
    assert SavedReply.objects.count() == 0
    page = client.post(
        "/fa/messages/replies/new/",
        {"title": "Deadline", "language": "en", "body": "Hello {nmae}", "is_active": "on"},
    ).content.decode()
    assert "Unknown placeholder" not in page and "{nmae}" in page
    response = client.post(
        "/en/messages/replies/new/",
        {"title": "Deadline", "language": "en", "body": "Hello {name}, by {deadline}."},
    )
    assert response.status_code == 302
    reply = SavedReply.objects.get()
    assert not reply.is_active
    assert "Deadline" in client.get("/en/messages/replies/").content.decode()
    client.force_login(officer)
    assert client.get("/en/messages/replies/").status_code == 403
    assert client.get(f"/en/messages/replies/{reply.pk}/edit/").status_code == 403


def test_retention_deletes_the_thread_of_an_anonymized_application(applicant, officer):
    application = submitted(applicant)
    messaging.message_post(
        subject=application, by=applicant, body="My address", from_office=False, attachment=png()
    )
    workflow.move(application, "withdraw", by=applicant)
    Application.objects.filter(pk=application.pk).update(
        stage_since=timezone.now() - timezone.timedelta(days=800)
    )
    services.personal_data_expire()
    assert Message.objects.count() == 0


def test_the_demo_has_conversations_and_two_saved_replies_per_language(settings):
    from django.core.management import call_command

    settings.ALLOW_DEMO_DATA = True
    call_command("seed_demo")
    for language in ("fa", "en", "ckb", "ar"):
        replies = SavedReply.objects.filter(language=language, is_active=True)
        assert replies.count() == 2
        assert all(not reply.clean() for reply in replies)  # no unknown placeholder
    demo = Application.objects.filter(applicant__email__startswith="demo.applicant")
    threads = Message.objects.filter(object_id__in=demo.values("pk"))
    assert threads.filter(from_office=False).exists() and threads.filter(from_office=True).exists()
    assert threads.filter(body__startswith="We have started checking your documents.").exists()
    call_command("seed_demo")
    assert SavedReply.objects.count() == 8
