"""Years and searches typed into a URL: a wrong one is explained, never a server error."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.html import escape

from agreements.models import Institution
from intlaffairs.jalali import to_local_digits
from intlaffairs.normalize import MAX_QUERY_LENGTH, filter_by_search, search_terms
from intlaffairs.query import search_too_long_message
from intlaffairs.roles import Role

from ..factories import AgreementFactory, InstitutionFactory

pytestmark = pytest.mark.django_db

LONG_SEARCH = "a" * 50_000  # SQLite refuses a LIKE pattern longer than 50,000 characters

OFFICE_LISTS = [
    "/fa/agreements/institutions/",
    "/fa/students/programs/",
    "/fa/students/agents/",
    "/fa/exchanges/mobilities/",
    "/fa/exchanges/delegations/",
    "/fa/research/",
    "/fa/research/scientists/",
    "/fa/research/alumni/",
]


def cut_message() -> str:
    with translation.override("fa"):
        return search_too_long_message()


def wrong_year_message(year: str) -> str:
    with translation.override("fa"):
        return translation.gettext(
            "“%(value)s” is not a year the portal knows, so it was left out."
        ) % {"value": to_local_digits(year)}


@pytest.mark.parametrize("year", ["0", "-5", "99999999", "1405x", "۱۴۰۵۰"])
def test_a_year_that_is_not_one_is_explained_and_the_points_still_show(client, officer, year):
    client.force_login(officer)
    response = client.get("/fa/incentives/points/", {"year": year})
    assert response.status_code == 200
    assert wrong_year_message(year) in response.content.decode()


def test_a_wrong_year_is_shown_in_the_pages_digits_and_a_year_in_any_digits_is_taken(
    client, officer
):
    client.force_login(officer)
    page = client.get("/fa/incentives/points/", {"year": "0"}).content.decode()
    assert "«۰»" in page and "«0»" not in page
    for year in ("1404", "۱۴۰۴", "١٤٠٤"):  # Latin, Persian and Arabic-Indic digits
        page = client.get("/fa/incentives/points/", {"year": year}).content.decode()
        assert "is not a year" not in page and "سالی نیست" not in page, year


def test_a_year_out_of_range_in_a_path_is_not_found(client, officer, make_user):
    client.force_login(officer)
    person = make_user(Role.FACULTY)
    assert client.get(f"/fa/incentives/points/{person.pk}/1405/").status_code == 200
    for year in (0, 99999, 99999999):
        assert client.get(f"/fa/incentives/points/{person.pk}/{year}/").status_code == 404


@pytest.mark.parametrize(
    "url", ["/fa/exchanges/mobilities/", "/fa/exchanges/delegations/", "/fa/strategy/"]
)
def test_the_lists_filtered_by_year_explain_a_wrong_year(client, officer, url):
    client.force_login(officer)
    response = client.get(url, {"year": "99999999"})
    assert response.status_code == 200
    assert wrong_year_message("99999999") in response.content.decode()


def test_a_very_long_search_is_cut_with_a_message_on_every_list(client, officer):
    InstitutionFactory()  # a row to match against: SQLite fails only when it runs the LIKE
    client.force_login(officer)
    for url in OFFICE_LISTS:
        response = client.get(url, {"q": LONG_SEARCH})
        assert response.status_code == 200, url
        assert cut_message() in response.content.decode(), url


def test_a_very_long_search_in_the_filter_bars_is_refused_with_the_fields_error(client, officer):
    AgreementFactory()
    client.force_login(officer)
    with translation.override("fa"), pytest.raises(ValidationError) as refused:
        forms.CharField(max_length=MAX_QUERY_LENGTH).clean(LONG_SEARCH)
    assert [refusal.code for refusal in refused.value.error_list] == ["max_length"]
    error = escape(refused.value.messages[0])
    for url in ("/fa/agreements/", "/fa/students/applications/"):
        response = client.get(url, {"q": LONG_SEARCH})
        assert response.status_code == 200, url
        assert error in response.content.decode(), url


def test_every_search_is_cut_where_its_terms_are_made(officer):
    InstitutionFactory()
    assert len("".join(search_terms(LONG_SEARCH))) == MAX_QUERY_LENGTH
    assert list(filter_by_search(Institution.objects.all(), LONG_SEARCH, ["name_fa"])) == []
