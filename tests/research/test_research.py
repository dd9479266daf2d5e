"""Research cooperation: projects, grants, the register of scientists and its removals."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation
from django.utils.html import escape

from intlaffairs.roles import Role
from intlaffairs.workflow import move
from research import selectors
from research.models import Alumnus, Engagement, Grant, Project, Removal, Scientist
from tests.queries import page_queries

from ..factories import InstitutionFactory
from ..students.helpers import PDF_BYTES

pytestmark = pytest.mark.django_db


def project(**kwargs) -> Project:
    defaults = {"title_fa": "پروژهٔ مشترک", "title_en": "Joint project", "kind": "joint_project"}
    return Project.objects.create(**{**defaults, **kwargs})


def scientist(**kwargs) -> Scientist:
    defaults = {
        "name_latin": "Dr. Leila Rahimi",
        "name_native": "دکتر لیلا رحیمی",
        "nonresident_iranian": True,
        "country": "DE",
        "institution": "Charité Berlin",
        "field": "Epidemiology",
        "email": "leila.rahimi@example.org",
        "phone": "+49 30 1234567",
        "link": "coauthor",
    }
    return Scientist.objects.create(**{**defaults, **kwargs})


def test_a_project_moves_forward_only_and_who_moved_it_is_recorded(officer):
    item = project()
    item = move(move(item, "fund", by=officer), "start", by=officer, note="Kick-off in Leipzig")
    for step in ("fund", "start"):
        with (
            translation.override("en"),
            pytest.raises(ValidationError, match="This cannot go from “Running” to "),
        ):
            move(item, step, by=officer)
    item.refresh_from_db()
    assert item.status == "running"
    assert list(item.moves.values_list("from_state", "to_state", "by")) == [
        ("proposed", "funded", officer.pk),
        ("funded", "running", officer.pk),
    ]


def test_only_the_office_moves_a_project(client, faculty, officer):
    """The investigators follow their project's status; the office moves it."""
    item = project()
    item.investigators.add(faculty)
    with translation.override("en"), pytest.raises(ValidationError, match="You cannot take this"):
        move(item, "fund", by=faculty)
    url = f"/en/move/research.project/{item.pk}/fund/"
    client.force_login(faculty)
    assert url not in client.get(item.get_absolute_url()).content.decode()
    assert client.post(url).status_code == 200  # refused, with the reason
    item.refresh_from_db()
    assert item.status == "proposed"
    client.force_login(officer)
    assert url in client.get(item.get_absolute_url()).content.decode()
    assert client.post(url).status_code == 302
    item.refresh_from_db()
    assert item.status == "funded"


def test_removal_on_request_leaves_no_personal_data(client, officer):
    person = scientist()
    Engagement.objects.create(scientist=person, kind="lecture", date=date(2026, 5, 1))
    client.force_login(officer)
    response = client.post(
        f"/en/research/scientist/{person.pk}/remove/", {"reason": "Asked by e-mail"}
    )
    assert response.status_code == 302
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    everything = dump.getvalue()
    for personal in ("Leila", "رحیمی", "leila.rahimi@example.org", "1234567", "Charité"):
        assert personal not in everything
    removal = Removal.objects.get()
    assert (removal.reference, removal.removed_by) == (f"scientist #{person.pk}", officer)
    assert not Engagement.objects.exists()


def test_a_removal_needs_a_reason_and_changes_nothing_without_one(client, officer):
    person = Alumnus.objects.create(
        name_latin="Omar", country="IQ", program="MD", graduated_in=1402
    )
    client.force_login(officer)
    response = client.post(f"/en/research/alumnus/{person.pk}/remove/", {"reason": ""}, follow=True)
    # The view was reached and refused: back to the list, saying what is missing.
    assert response.redirect_chain == [("/en/research/alumni/", 302)]
    assert response.status_code == 200
    refusal = escape("Say why the data is removed (e.g. the person's request).")
    assert refusal in response.content.decode()
    assert Alumnus.objects.filter(pk=person.pk).exists()
    assert not Removal.objects.exists()


@pytest.mark.parametrize("role", [Role.FACULTY, Role.MENTOR, Role.APPLICANT])
def test_personal_data_is_for_office_staff_only(client_as, role):
    person = scientist()
    client = client_as(role)
    assert client.get("/en/research/scientists/").status_code == 403
    assert client.get(f"/en/research/scientists/{person.pk}/").status_code == 403
    assert client.get("/en/research/alumni/").status_code == 403


def test_a_faculty_member_sees_the_projects_they_lead(client, faculty):
    mine = project(title_en="Mine")
    mine.investigators.add(faculty)
    other = project(title_en="Not mine")
    client.force_login(faculty)
    html = client.get("/en/research/").content.decode()
    assert "Mine" in html and "Not mine" not in html
    assert client.get(f"/en/research/{other.pk}/").status_code == 404


def test_list_query_counts_do_not_grow_with_the_data(client, officer):
    client.force_login(officer)
    partner = InstitutionFactory()
    for n in range(5):
        project(title_en=f"P{n}").partners.add(partner)
        scientist(name_latin=f"S{n}")
    small = (
        page_queries(client, "/en/research/"),
        page_queries(client, "/en/research/scientists/"),
    )
    for n in range(5, 500):
        project(title_en=f"P{n}").partners.add(partner)
    Scientist.objects.bulk_create(
        Scientist(name_latin=f"S{n}", country="DE", field="x", link="adviser")
        for n in range(5, 500)
    )
    large = (
        page_queries(client, "/en/research/"),
        page_queries(client, "/en/research/scientists/"),
    )
    assert small == large


def test_search_finds_persian_titles_typed_with_arabic_letters(client, officer):
    project(title_fa="مرکز مشترک تحقیقات کرمانشاه", title_en="Joint centre")
    project(title_fa="پروژهٔ دیگر", title_en="Other")
    client.force_login(officer)
    html = client.get("/fa/research/", {"q": "كرمانشاه"}).content.decode()
    assert "مرکز مشترک تحقیقات کرمانشاه" in html and "پروژهٔ دیگر" not in html


def test_an_awarded_grant_needs_its_amount(client, officer):
    client.force_login(officer)
    response = client.post(
        "/en/research/grants/new/",
        {
            "funder": "EU",
            "title": "Horizon",
            "applied_on": "2026-02-01",
            "amount_requested": "100000",
            "currency": "EUR",
            "outcome": "awarded",
        },
    )
    assert "An awarded grant needs the amount awarded." in response.content.decode()
    assert not Grant.objects.exists()


def test_institution_page_lists_its_research_projects(client, officer):
    partner = InstitutionFactory()
    project(title_en="Shared lab").partners.add(partner)
    client.force_login(officer)
    assert "Shared lab" in client.get(f"/en/agreements/institutions/{partner.pk}/").content.decode()


def test_indicators_count_running_projects_funding_and_engaged_scientists():
    project(status="running")
    project(status="proposed")
    Grant.objects.create(
        funder="EU",
        title="A",
        applied_on=date(2026, 1, 1),
        amount_requested=10,
        outcome="awarded",
        amount_awarded=8,
        currency="EUR",
        decided_on=date(2026, 3, 1),
    )
    Grant.objects.create(
        funder="EU",
        title="B",
        applied_on=date(2026, 1, 1),
        amount_requested=10,
        outcome="awarded",
        amount_awarded=5,
        currency="EUR",
        decided_on=date(2025, 3, 1),
    )
    person = scientist()
    Engagement.objects.create(scientist=person, kind="visit", date=date(2026, 4, 1))
    Engagement.objects.create(scientist=person, kind="lecture", date=date(2026, 5, 1))
    assert selectors.projects_running() == 1
    assert selectors.funding_awarded(date(2026, 1, 1), date(2026, 12, 31)) == {"EUR": 8}
    assert selectors.scientists_engaged(date(2026, 1, 1), date(2026, 12, 31)) == 1


def test_the_research_report_renders(manager):
    from intlaffairs import reports

    project(status="running", title_en="Vaccine cold chain")
    request = reports.report_request(
        kind="research", language="en", by=manager, period=(date(2026, 1, 1), date(2026, 12, 31))
    )
    done = reports.report_render(request_id=request.pk)
    assert done.status == "done" and done.pages >= 2


def response_messages(client):
    from django.contrib.messages import get_messages

    return list(get_messages(client.get("/en/dashboard/").wsgi_request))


def test_project_documents_must_be_pdfs_and_are_served_to_staff_only(
    client, officer, faculty, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from research.models import ProjectDocument

    settings.MEDIA_ROOT = tmp_path
    item = project()
    item.investigators.add(faculty)
    client.force_login(officer)
    url = f"/en/research/{item.pk}/documents/"
    client.post(
        url, {"document-title": "Fake", "document-file": SimpleUploadedFile("x.pdf", b"<svg/>")}
    )
    assert not ProjectDocument.objects.exists()
    assert "The file is not a PDF document." in [m.message for m in response_messages(client)]
    client.post(
        url,
        {"document-title": "Contract", "document-file": SimpleUploadedFile("c.pdf", PDF_BYTES)},
    )
    document = ProjectDocument.objects.get()
    response = client.get(f"/en/research/documents/{document.pk}/")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    client.force_login(faculty)
    assert client.get(f"/en/research/documents/{document.pk}/").status_code == 403


def test_a_removal_records_the_kind_reference_and_trimmed_reason_of_each_kind(officer):
    from research import services

    alumnus = Alumnus.objects.create(
        name_latin="Omar", country="IQ", program="MD", graduated_in=1402
    )
    number = alumnus.pk
    removal = services.person_remove(person=alumnus, reason="  Asked in person  ", by=officer)
    removal.refresh_from_db()
    assert (removal.kind, removal.reference, removal.reason, removal.removed_by) == (
        "alumnus",
        f"alumnus #{number}",
        "Asked in person",
        officer,
    )
    assert not Alumnus.objects.exists()
    person = scientist()
    number = person.pk
    removal = services.person_remove(person=person, reason="By e-mail", by=officer)
    assert (removal.kind, removal.reference) == ("scientist", f"scientist #{number}")
    kept = scientist()
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.person_remove(person=kept, reason=" \n ", by=officer)
    assert refused.value.messages == ["Say why the data is removed (e.g. the person's request)."]
    assert Scientist.objects.filter(pk=kept.pk).exists()
    assert Removal.objects.count() == 2


def test_a_project_document_is_a_checked_pdf_kept_for_its_project(officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from research import services

    item = project()
    document = services.document_add(
        project=item, upload=SimpleUploadedFile("plan.pdf", PDF_BYTES), title="Plan", by=officer
    )
    assert (document.project, document.title, document.uploaded_by) == (item, "Plan", officer)
    assert list(item.documents.all()) == [document]
    with translation.override("en"), pytest.raises(ValidationError, match="not a PDF document"):
        services.document_add(
            project=item, upload=SimpleUploadedFile("x.pdf", b"hello"), title="X", by=officer
        )
    assert item.documents.count() == 1
