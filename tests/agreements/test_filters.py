"""The institutions list filters through its FilterSet: a bookmarked search and country still
work, and a country that is not one is explained in the filter bar, never a server error."""

import pytest

from ..factories import InstitutionFactory

pytestmark = pytest.mark.django_db


def test_a_bookmarked_institutions_filter_still_filters(client, officer):
    InstitutionFactory(name_en="Charité Berlin", country="DE")
    InstitutionFactory(name_en="Charité Paris", country="FR")
    InstitutionFactory(name_en="Sorbonne", country="FR")
    client.force_login(officer)
    page = client.get("/en/agreements/institutions/", {"q": "charité", "country": "FR"})
    rows = [institution.name_en for institution in page.context["page"].object_list]
    assert rows == ["Charité Paris"]


def test_a_wrong_country_is_explained_in_persian_and_the_search_still_applies(client, officer):
    InstitutionFactory(name_en="Charité Berlin", country="DE")
    InstitutionFactory(name_en="Sorbonne", country="FR")
    client.force_login(officer)
    response = client.get("/fa/agreements/institutions/", {"country": "XX", "q": "sorbonne"})
    assert response.status_code == 200
    assert "معتبر" in response.content.decode()  # Django's "Select a valid choice", in Persian
    assert [i.name_en for i in response.context["page"].object_list] == ["Sorbonne"]
