"""The top bar's search box: every kind a person may see, each through its visible_to()."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.models import Institution
from exchanges.models import ShortCourse
from intlaffairs import workflow
from intlaffairs.normalize import refresh_search_text
from intlaffairs.roles import Role
from research.models import Project, Scientist
from students.models import Application
from tests.factories import AgreementFactory, InstitutionFactory
from tests.queries import warm

from ..exchanges.helpers import short_course
from ..students.helpers import complete_draft, make_program

pytestmark = pytest.mark.django_db


def submitted_application(applicant, **fields) -> Application:
    application = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    written = Application.objects.filter(pk=application.pk)
    written.update(**fields)
    refresh_search_text(written)  # update() writes past save(), as a bulk path does
    return application


def copies(application: Application, count: int) -> None:
    """`count` more submitted applications like `application`, written directly (the test needs
    rows, not their history)."""
    row = Application.objects.filter(pk=application.pk).values().get()
    del row["id"]
    first = Application.objects.count()
    Application.objects.bulk_create(
        Application(**{**row, "reference": f"{row['reference'][:12]}-{n:04d}"})
        for n in range(first, first + count)
    )


def kinds(html: str) -> list[str]:
    return re.findall(r'data-kind="([a-z]+)"', html)


def test_an_applicant_cannot_use_the_search(client, applicant):
    client.force_login(applicant)
    assert client.get("/en/search/?q=a").status_code == 403
    assert 'data-testid="search-box"' not in client.get("/en/").content.decode()


def test_the_search_box_is_in_the_top_bar_for_staff_and_faculty(client, officer, faculty):
    for person in (officer, faculty):
        client.force_login(person)
        page = client.get("/fa/dashboard/").content.decode()
        assert 'data-testid="search-box"' in page
        assert 'action="/fa/search/"' in page


def test_an_officer_finds_an_application_by_a_name_typed_with_arabic_letters(
    client, officer, applicant, make_user
):
    found = submitted_application(applicant, native_name="زهرا کریمی")
    draft = complete_draft(make_user(Role.APPLICANT), make_program(name_en="Dentistry"))
    draft.native_name = "زهرا کریمی"
    draft.save()
    client.force_login(officer)
    html = client.get("/en/search/", {"q": "زهرا كريمي"}).content.decode()  # ك and ي: Arabic
    assert kinds(html) == ["applications"]
    assert f'href="/en/students/applications/{found.pk}/"' in html
    # A draft is still the applicant's alone: visible_to() leaves it out.
    assert f"/students/applications/{draft.pk}/" not in html
    assert "A1234567" in html  # the passport number on the result's second line
    assert (
        client.get("/en/search/", {"q": "a1234567"})
        .content.decode()
        .count(f"/students/applications/{found.pk}/")
    )


def test_results_are_grouped_by_kind_limited_and_link_to_each_filtered_list(client, officer):
    partner = InstitutionFactory(name_en="Kufa University", name_fa="دانشگاه کوفه")
    AgreementFactory.create_batch(7, title_en="Kufa exchange", partners=[partner])
    Project.objects.create(title_en="Kufa malaria study", kind="joint_project")
    Scientist.objects.create(
        name_latin="Ali Kufa", country="IQ", field="Epidemiology", link="coauthor"
    )
    short_course(title_en="Kufa summer school", is_published=False)
    client.force_login(officer)
    html = client.get("/en/search/", {"q": "kufa"}).content.decode()
    assert kinds(html) == ["agreements", "institutions", "projects", "scientists", "courses"]
    agreements = html.split('data-kind="agreements"')[1].split("</section>")[0]
    assert agreements.count('<li class="list-group-item">') == 5
    assert "See all 7 results in Agreements" in agreements
    assert 'href="/en/agreements/?q=kufa"' in agreements
    assert 'href="/en/exchanges/courses/manage/?q=kufa"' in html  # a draft course: staff's list
    listed = client.get("/en/agreements/?q=kufa").content.decode()
    assert listed.count(">Kufa exchange</a>") == 7  # each row links its title once


def test_the_see_all_link_of_courses_filters_the_office_list(client, officer):
    short_course(title_en="Kufa summer school", is_published=False)
    short_course(title_en="Winter school in Erbil")
    client.force_login(officer)
    html = client.get("/en/exchanges/courses/manage/?q=kufa").content.decode()
    assert "Kufa summer school" in html and "Winter school in Erbil" not in html


def test_a_faculty_member_finds_only_what_visible_to_gives_them(client, faculty, applicant):
    mine = AgreementFactory(title_en="Basra agreement")
    mine.initiators.add(faculty)
    AgreementFactory(title_en="Basra other agreement")
    led = Project.objects.create(title_en="Basra project", kind="joint_project")
    led.investigators.add(faculty)
    Project.objects.create(title_en="Basra project of others", kind="joint_project")
    submitted_application(applicant, native_name="Basra")
    InstitutionFactory(name_en="Basra University")
    client.force_login(faculty)
    html = client.get("/en/search/", {"q": "basra"}).content.decode()
    assert kinds(html) == ["agreements", "projects"]
    assert "Basra agreement" in html and "Basra other agreement" not in html
    assert "Basra project<" in html and "Basra project of others" not in html


def test_people_are_for_administrators_who_manage_accounts(client, officer, administrator):
    officer.full_name = "Shirin Moradi"
    officer.save()
    client.force_login(officer)
    assert kinds(client.get("/en/search/", {"q": "moradi"}).content.decode()) == []
    client.force_login(administrator)
    html = client.get("/en/search/", {"q": "moradi"}).content.decode()
    assert kinds(html) == ["people"]
    assert f'href="/en/admin/intlaffairs/user/{officer.pk}/change/"' in html


def test_an_empty_search_finds_nothing_and_says_what_to_type(client, officer):
    InstitutionFactory()
    client.force_login(officer)
    html = client.get("/en/search/", {"q": "  "}).content.decode()
    assert kinds(html) == []
    assert "Persian and Arabic spellings and digits find each other" in html
    html = client.get("/en/search/", {"q": "zzzz"}).content.decode()
    assert "Nothing you may see matches “zzzz”." in html


def _search_queries(client) -> int:
    warm(client, "/fa/search/?q=kufa")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/fa/search/", {"q": "kufa"}).status_code == 200
    return len(queries)


def test_the_search_runs_as_many_queries_at_one_and_at_a_hundred_rows_per_kind(
    client, administrator, applicant
):
    def add(count: int) -> None:
        partner = InstitutionFactory(name_en="Kufa University")
        AgreementFactory.create_batch(count, title_en="Kufa exchange", partners=[partner])
        Institution.objects.bulk_create(
            Institution(name_en=f"Kufa college {n}", name_fa="کوفه", country="IQ")
            for n in range(count - 1)
        )
        Project.objects.bulk_create(
            Project(title_en=f"Kufa project {n}", kind="joint_project") for n in range(count)
        )
        Scientist.objects.bulk_create(
            Scientist(name_latin=f"Kufa {n}", country="IQ", field="x", link="adviser")
            for n in range(count)
        )
        ShortCourse.objects.bulk_create(
            ShortCourse(**{**course_row, "id": None, "title_en": f"Kufa course {n}"})
            for n in range(count)
        )
        copies(application, count)

    application = submitted_application(applicant, native_name="Kufa")
    course_row = short_course().__dict__
    course_row.pop("_state")
    administrator.full_name = "Kufa admin"
    administrator.save()
    client.force_login(administrator)
    add(1)
    small = _search_queries(client)
    add(99)
    assert _search_queries(client) == small
    html = client.get("/fa/search/", {"q": "kufa"}).content.decode()
    assert kinds(html) == [
        "applications",
        "agreements",
        "institutions",
        "projects",
        "scientists",
        "courses",
        "people",
    ]


def test_a_common_word_is_counted_no_further_than_a_badge_shows(client, officer, monkeypatch):
    from intlaffairs import navigation

    partner = InstitutionFactory(name_en="Kufa University")
    AgreementFactory.create_batch(7, title_en="Kufa exchange", partners=[partner])
    monkeypatch.setattr(navigation, "BADGE_MOST", 6)
    client.force_login(officer)
    html = client.get("/en/search/", {"q": "kufa"}).content.decode()
    agreements = html.split('data-kind="agreements"')[1].split("</section>")[0]
    assert '<span class="badge text-bg-secondary">6+</span>' in agreements
    assert "See all 6+ results in Agreements" in agreements
