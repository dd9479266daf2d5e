"""Names the way Arab applicants write them: first, father's, grandfather's and family name, as
in the passport and in Arabic script; the full names in lists, search and letters."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from intlaffairs import workflow
from intlaffairs.normalize import refresh_search_text
from students.models import Application, DocumentType

from .helpers import complete_draft, make_program

pytestmark = pytest.mark.django_db

FOUR_PARTS = {
    "given_name": "Ali",
    "father_name": "Hassan",
    "grandfather_name": "Mohammed",
    "family_name": "Al-Tamimi",
    "native_given_name": "علي",
    "native_father_name": "حسن",
    "native_grandfather_name": "محمد",
    "native_family_name": "التميمي",
    "sex": "male",
    "birth_date": "15/03/2004",
    "nationality": "IQ",
}


def test_the_name_in_four_parts_is_saved_and_the_full_names_composed(client, applicant):
    application = complete_draft(applicant, make_program())
    client.force_login(applicant)
    response = client.post(f"/ar/students/my/{application.pk}/step/1/", FOUR_PARTS)
    assert response.status_code == 302, response.context["form"].errors
    application.refresh_from_db()
    assert application.name_latin == "Ali Hassan Mohammed Al-Tamimi"
    assert application.native_name == "علي حسن محمد التميمي"
    assert application.birth_date.isoformat() == "2004-03-15"


def test_the_names_as_in_the_passport_must_be_latin_and_nothing_is_saved_otherwise(
    client, applicant
):
    application = complete_draft(applicant, make_program())
    client.force_login(applicant)
    response = client.post(
        f"/en/students/my/{application.pk}/step/1/",
        {**FOUR_PARTS, "grandfather_name": "محمد", "birth_date": "2004-03-15"},
    )
    assert response.status_code == 200
    assert "Use Latin letters" in response.content.decode()
    application.refresh_from_db()
    assert application.grandfather_name == "" and application.native_name == "زهراء جابر"


def test_the_form_labels_each_part_in_arabic(client, applicant):
    application = complete_draft(applicant, make_program())
    client.force_login(applicant)
    page = client.get(f"/ar/students/my/{application.pk}/step/1/").content.decode()
    for field in ("native_given_name", "native_father_name", "grandfather_name"):
        assert f'id="id_{field}"' in page
    assert "اسم الجد (بالحروف اللاتينية)" in page
    assert "اسم الأب بلغتك" in page


def test_an_officer_finds_an_arab_name_whatever_its_letter_variants(client, officer, applicant):
    application = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    written = Application.objects.filter(pk=application.pk)
    written.update(
        given_name="Ali",
        grandfather_name="Mohammed",
        family_name="Al-Tamimi",
        native_name="عليّ حسن الطائي أسامة",
    )
    refresh_search_text(written)  # update() writes past save(), as a bulk path does
    client.force_login(officer)
    # Persian yeh and kaf, a plain alef for أ, no shadda: as a Persian keyboard types it.
    for query in ("علی الطائی اسامه", "mohammed tamimi"):
        html = client.get("/en/students/applications/", {"q": query}).content.decode()
        assert f"/students/applications/{application.pk}/" in html, query
        assert "Ali Mohammed Al-Tamimi" in html


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_moves_a_father_name_to_its_script_and_back(applicant):
    """Run on a database as it was: the one father's-name box splits by script, the full native
    name stays; going back puts each father's name in the one box again."""
    before = [("students", "0012_arabic_language")]
    after = [("students", "0013_arab_names_in_four_parts")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("students", "Application")
    latin = old.objects.create(applicant_id=applicant.pk, father_name="Hassan", native_name="علي")
    arabic = old.objects.create(applicant_id=applicant.pk, father_name="حسن", native_name="علي")
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps.get_model("students", "Application")
    assert new.objects.filter(pk=latin.pk).values_list(
        "father_name", "native_father_name", "native_name"
    ).get() == ("Hassan", "", "علي")
    assert new.objects.filter(pk=arabic.pk).values_list(
        "father_name", "native_father_name", "native_name"
    ).get() == ("", "حسن", "علي")
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("students", "Application")
    assert dict(old.objects.values_list("pk", "father_name")) == {
        latin.pk: "Hassan",
        arabic.pk: "حسن",
    }
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_document_types_have_arabic_names():
    """0002 named them in three languages: an Arab applicant read them in English."""
    names = dict(DocumentType.objects.values_list("code", "name_ar"))
    assert names["passport"] == "جواز السفر (صفحة البيانات)"
    assert all(names.values()), names
    with translation.override("ar"):
        assert DocumentType.objects.get(code="photo").name == "صورة شخصية بحجم صورة جواز السفر"
