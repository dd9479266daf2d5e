"""The dashboard's year is a field of the filter bar: a bookmarked year (in any digits) is the
year shown, a wrong one is explained there and the current year shown, never a server error."""

import pytest

from strategy import services

pytestmark = pytest.mark.django_db


def test_a_bookmarked_year_in_persian_digits_is_the_year_the_dashboard_shows(client, officer):
    client.force_login(officer)
    page = client.get("/en/strategy/", {"year": "۱۴۰۳"}).content.decode()
    assert 'type="hidden" name="year" value="1403"' in page  # the annual report asks for it
    assert "is not a year" not in page


def test_a_wrong_year_is_explained_in_persian_and_the_current_year_shown(client, officer):
    client.force_login(officer)
    response = client.get("/fa/strategy/", {"year": "1405x"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "سالی نیست" in page  # "is not a year the portal knows", in Persian
    assert f'type="hidden" name="year" value="{services.current_year()}"' in page
