"""The layout at a phone's width (375 px) and a 1280-pixel screen, in each language: nothing
wider than the page, the site name whole, the menu within reach."""

import pytest

from intlaffairs.roles import Role

from .pages import LANGUAGES, sample_content

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 800}

# How many lines an element's text takes (one rectangle top per line).
LINES = """element => {
  const range = document.createRange();
  range.selectNodeContents(element);
  return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size;
}"""
# An element wholly inside the window, across (a clipped or pushed-out label is not).
INSIDE = """element => {
  const rect = element.getBoundingClientRect();
  return rect.width > 0 && rect.left >= 0 && rect.right <= window.innerWidth + 0.5;
}"""


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def assert_fits(page, what: str) -> None:
    assert overflow(page) <= 0, f"{what}: the page is {overflow(page)} px wider than the window"


# The site name inside its link's box, which clips it when the bar is too narrow.
UNCLIPPED = """element => {
  const rect = element.getBoundingClientRect();
  const box = element.parentElement.getBoundingClientRect();
  return rect.left >= box.left - 0.5 && rect.right <= box.right + 0.5;
}"""


def site_name_is_whole(page) -> bool:
    name = page.get_by_test_id("site-name")
    return name.evaluate(INSIDE) and name.evaluate(UNCLIPPED) and name.evaluate(LINES) == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_phone_shows_the_home_whole_with_a_menu_for_visitors(language, new_context, screenshot):
    context = new_context()
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(f"/{language}/")
    screenshot(page, f"layout-home-{language}-375")
    assert_fits(page, "home")
    assert site_name_is_whole(page)
    sign_in = page.get_by_test_id("sign-in")
    assert sign_in.evaluate(INSIDE) and sign_in.evaluate(LINES) == 1
    page.get_by_test_id("menu-toggle").click()
    menu = page.locator("#portal-menu")
    menu.locator("a[href$='/exchanges/courses/']").wait_for(state="visible")
    for link in menu.locator("a.nav-link").all():
        assert link.evaluate(INSIDE), link.inner_text()
    assert menu.locator("a[href$='/accounts/signup/']").is_visible()
    assert_fits(page, "home with the menu open")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_staff_menu_fits_1280_pixels_and_holds_reports_and_the_email_log(
    language, new_context, make_user, screenshot
):
    page = new_context(make_user(Role.ADMINISTRATOR)).new_page()  # the longest menu
    page.goto(f"/{language}/agreements/")
    screenshot(page, f"layout-staff-{language}-1280")
    assert_fits(page, "agreements")
    assert not page.get_by_test_id("menu-toggle").is_visible()
    entries = page.locator("#portal-menu > ul > li")
    tops = {round(entry.evaluate("e => e.getBoundingClientRect().top")) for entry in entries.all()}
    assert len(tops) == 1, "the menu wraps onto a second row"
    for entry in entries.all():
        assert entry.evaluate(INSIDE), entry.inner_text()
    page.get_by_test_id("menu-office").click()
    for url in ("/reports/", "/outbox/"):
        link = page.locator(f"#portal-menu a[href='/{language}{url}']")
        link.wait_for(state="visible")
        assert link.evaluate(INSIDE)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_applicants_menu_fits_1280_pixels(language, new_context, make_user, screenshot):
    """An applicant's own sections and the public ones: more than one row holds, wider than
    the window does not."""
    page = new_context(make_user(Role.APPLICANT)).new_page()
    page.goto(f"/{language}/students/my/")
    screenshot(page, f"layout-applicant-{language}-1280")
    assert_fits(page, "my applications")
    for entry in page.locator("#portal-menu > ul > li").all():
        assert entry.evaluate(INSIDE), entry.inner_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_phone_shows_a_staff_page_whole_with_its_menu_and_badges_on_one_line(
    language, new_context, make_user, screenshot
):
    officer = make_user(Role.OFFICER)
    sample_content(officer)
    page = new_context(make_user(Role.ADMINISTRATOR)).new_page()
    page.set_viewport_size(PHONE)
    page.goto(f"/{language}/agreements/")
    page.wait_for_load_state("networkidle")  # the desk's badge, which htmx loads after the page
    screenshot(page, f"layout-staff-{language}-375")
    assert_fits(page, "agreements")
    assert site_name_is_whole(page)
    badges = page.locator("main .badge").all()
    assert badges, "the sample agreement's status badge"
    for badge in badges:
        assert badge.evaluate(LINES) == 1, badge.inner_text()
    page.get_by_test_id("menu-toggle").click()
    page.locator("#portal-menu.show").wait_for()  # the menu has finished opening
    page.get_by_test_id("menu-office").click()
    reports = page.locator(f"#portal-menu a[href='/{language}/reports/']")
    reports.wait_for(state="visible")
    assert reports.evaluate(INSIDE)
    screenshot(page, f"layout-staff-menu-{language}-375")
    assert_fits(page, "agreements with the menu open")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_phone_shows_an_applicants_list_whole(language, new_context, make_user, screenshot):
    from ..students.helpers import complete_draft, make_program

    applicant = make_user(Role.APPLICANT)
    complete_draft(applicant, make_program())
    page = new_context(applicant).new_page()
    page.set_viewport_size(PHONE)
    page.goto(f"/{language}/students/my/")
    screenshot(page, f"layout-my-applications-{language}-375")
    assert_fits(page, "my applications")
    for badge in page.locator("main .badge").all():
        assert badge.evaluate(LINES) == 1, badge.inner_text()


# A select wide enough for the option it shows (its text within the room its paddings leave).
SHOWS_ITS_OPTION = """select => {
  const style = getComputedStyle(select);
  const context = document.createElement("canvas").getContext("2d");
  context.font = style.font;
  const text = select.options[select.selectedIndex].text;
  const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return context.measureText(text).width <= room;
}"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_phone_shows_each_state_of_the_after_admission_checklist_whole(
    language, new_context, make_user, screenshot
):
    officer = make_user(Role.OFFICER)
    enrolled = sample_content(officer)["enrolled"]
    page = new_context(officer).new_page()
    page.set_viewport_size(PHONE)
    page.goto(f"/{language}/students/applications/{enrolled.pk}/")
    screenshot(page, f"layout-arrival-checklist-{language}-375")
    assert_fits(page, "the application with its checklist")
    states = page.locator("section[aria-labelledby=arrival-heading] table select").all()
    assert len(states) == 8
    for state in states:
        assert state.evaluate(SHOWS_ITS_OPTION), state.input_value()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_phone_shows_each_number_of_the_document_register_on_one_line(
    language, new_context, make_user, screenshot
):
    from ..intlaffairs.test_documents import statement

    manager = make_user(Role.MANAGER)
    statement(make_user(Role.FACULTY, full_name="Parisa Karimi-Tabrizi"), manager)
    page = new_context(manager).new_page()
    page.set_viewport_size(PHONE)
    page.goto(f"/{language}/documents/")
    screenshot(page, f"layout-document-register-{language}-375")
    number = page.get_by_role("link", name="PPS-")
    assert number.evaluate(LINES) == 1, number.inner_text()


def test_the_site_icon_answers(new_context):
    page = new_context().new_page()
    response = page.request.get("/favicon.ico")
    assert response.status == 200
    assert response.headers["content-type"] == "image/vnd.microsoft.icon"
