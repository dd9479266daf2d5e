"""The agreement form's partner picker: a server-side search of institutions, normalized as
every search, and a missing institution added from a dialog without leaving the form."""

import pytest

from agreements.models import Institution
from intlaffairs.roles import Role

from ..factories import InstitutionFactory

pytestmark = pytest.mark.django_db
SEARCH = "/en/agreements/institutions/search/"
ADD = "/en/agreements/institutions/quick-add/"


def options(client, query: str) -> list[str]:
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    return [option["text"] for option in response.json()["results"]]


def test_the_picker_finds_institutions_whatever_the_form_of_the_letters(client, officer):
    InstitutionFactory(name_en="University of Kufa", name_fa="دانشگاه كوفه", city="Najaf")
    InstitutionFactory(name_en="Mosul Medical College", name_fa="دانشکده پزشکی موصل")
    client.force_login(officer)
    assert options(client, "kufa") == ["University of Kufa"]
    # Typed with the Persian ک and ی, stored with the Arabic ك: found all the same.
    assert options(client, "دانشگاه کوفه") == ["University of Kufa"]
    assert options(client, "najaf") == ["University of Kufa"]
    assert options(client, "kufa mosul") == []
    assert len(options(client, "")) == 2


def test_the_picker_offers_at_most_twenty_institutions(client, officer):
    InstitutionFactory.create_batch(25)
    client.force_login(officer)
    assert len(options(client, "university")) == 20


@pytest.mark.parametrize(
    ("role", "search", "add"),
    [
        (None, 302, 302),
        (Role.APPLICANT, 403, 403),
        (Role.MENTOR, 403, 403),
        (Role.FACULTY, 200, 403),  # a faculty member proposes agreements, adds no institution
        (Role.OFFICER, 200, 201),
        (Role.MANAGER, 200, 201),
    ],
)
def test_who_may_search_and_add_institutions(client, make_user, role, search, add):
    if role:
        client.force_login(make_user(role))
    assert client.get(SEARCH, {"q": "a"}).status_code == search
    answer = client.post(
        ADD,
        {
            "institution-name_en": "Basra University",
            "institution-name_fa": "دانشگاه بصره",
            "institution-country": "IQ",
            "institution-kind": "university",
        },
    )
    assert answer.status_code == add
    assert Institution.objects.filter(name_en="Basra University").exists() == (add == 201)


def test_a_missing_institution_is_added_and_returned_as_an_option(client, officer):
    client.force_login(officer)
    answer = client.post(
        ADD,
        {
            "institution-name_en": "University of Basra",
            "institution-name_fa": "دانشگاه بصره",
            "institution-country": "IQ",
            "institution-city": "Basra",
            "institution-kind": "university",
        },
    )
    assert answer.status_code == 201
    institution = Institution.objects.get(name_en="University of Basra")
    assert answer.json() == {"value": str(institution.pk), "text": "University of Basra"}
    assert options(client, "بصره") == ["University of Basra"]
    assert client.get(ADD).status_code == 405


def test_a_bad_institution_is_refused_with_translated_reasons_and_nothing_saved(client, officer):
    client.force_login(officer)
    answer = client.post(
        "/fa/agreements/institutions/quick-add/",
        {"institution-country": "XX", "institution-kind": "university"},
    )
    assert answer.status_code == 400
    errors = answer.json()["errors"]
    assert set(errors) == {"name_fa", "name_en", "country"}
    # In the page's language (Persian here), not English.
    assert not any(message.isascii() for messages in errors.values() for message in messages)
    assert not Institution.objects.exists()
    answer = client.post(ADD, {"institution-name_en": "Basra", "institution-kind": "university"})
    assert answer.json()["errors"] == {
        "name_fa": ["This field is required."],
        "country": ["This field is required."],
    }
    assert not Institution.objects.exists()


def test_the_agreement_form_carries_the_picker_and_still_works_as_a_plain_select(
    client, officer, make_user
):
    partner = InstitutionFactory(name_en="University of Kufa")
    client.force_login(officer)
    page = client.get("/en/agreements/new/").content.decode()
    assert 'data-picker-search="/en/agreements/institutions/search/"' in page
    assert 'data-picker-add="institution-dialog"' in page and 'id="institution-dialog"' in page
    assert f'<option value="{partner.pk}">University of Kufa</option>' in page
    response = client.post(
        "/en/agreements/new/",
        {"title_en": "Plain", "title_fa": "ساده", "type": "mou", "partners": [partner.pk]},
    )
    assert response.status_code == 302
    client.force_login(make_user(Role.FACULTY))
    page = client.get("/en/agreements/new/").content.decode()
    assert "data-picker-search" in page and "institution-dialog" not in page
