"""The thread in a browser, under the portal's strict CSP: an officer working in Persian picks a
saved reply in the applicant's language, which fills the box from the server (htmx), and sends
it; the applicant sees the badge in the menu and the message on the thread's page."""

import pytest

from intlaffairs.models import Message, SavedReply
from intlaffairs.roles import Role

from ..exchanges.helpers import course_application, short_course


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_officer_answers_from_a_saved_reply_and_the_applicant_reads_it(new_context, make_user):
    applicant = make_user(Role.APPLICANT, preferred_language="en", full_name="Zahraa Jaber")
    officer = make_user(Role.OFFICER, preferred_language="fa")
    application = course_application(short_course(), applicant, name_latin="Zahraa Jaber")
    Message.objects.create(
        subject=application, author=applicant, from_office=False, body="Is housing included?"
    )
    reply = SavedReply.objects.create(
        title="Housing", language="en", body="Dear {name}, housing is included in {program}."
    )
    SavedReply.objects.create(title="مسکن", language="fa", body="{name} گرامی، خوابگاه دارد.")
    url = f"/messages/exchanges.courseapplication/{application.pk}/"

    page = new_context(officer, bypass_csp=False).new_page()
    page.goto(f"/fa{url}")
    assert "Is housing included?" in page.get_by_test_id("thread").inner_text()
    assert "English" in page.get_by_test_id("applicant-language").inner_text()
    page.locator("#saved-reply").select_option(str(reply.pk))
    box = page.locator("textarea[name='message-body']")
    expected = "Dear Zahraa Jaber, housing is included in Summer school in infectious diseases."
    box.filter(has_text=expected).wait_for()
    page.get_by_role("button", name="فرستادن").click()
    page.wait_for_url(f"**/fa{url}#thread")
    assert application.thread.filter(from_office=True, body=expected).exists()

    page = new_context(applicant, bypass_csp=False).new_page()
    page.goto("/en/exchanges/my-courses/")
    assert page.get_by_test_id("unread-count").inner_text().startswith("1")
    page.get_by_role("link", name="Messages with the office").click()
    assert expected in page.get_by_test_id("thread").inner_text()
    page.goto("/en/exchanges/my-courses/")
    assert page.get_by_test_id("unread-count").count() == 0
