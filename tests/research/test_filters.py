"""The research lists filter through their FilterSets: the bookmarked parameters still work,
and a value that is not one is explained in the filter bar, never a server error."""

import pytest

from research.models import Alumnus, Project, Scientist

pytestmark = pytest.mark.django_db


def test_the_bookmarked_filters_of_the_research_lists_still_filter(client, officer):
    Project.objects.create(title_en="Running one", kind="joint_project", status="running")
    Project.objects.create(title_en="Proposed one", kind="joint_project", status="proposed")
    Scientist.objects.create(
        name_latin="Dr. Yes",
        country="DE",
        field="x",
        link="coauthor",
        consent_to_contact=True,
        consent_given_on="2026-01-01",
    )
    Scientist.objects.create(name_latin="Dr. No", country="DE", field="x", link="coauthor")
    Alumnus.objects.create(
        name_latin="Kept", country="IQ", program="MD", graduated_in=1402, stays_in_touch=True
    )
    Alumnus.objects.create(name_latin="Lost", country="IQ", program="MD", graduated_in=1402)
    client.force_login(officer)
    page = client.get("/en/research/", {"status": "running"}).content.decode()
    assert "Running one" in page and "Proposed one" not in page
    page = client.get("/en/research/scientists/", {"consent": "yes"}).content.decode()
    assert "Dr. Yes" in page and "Dr. No" not in page
    page = client.get("/en/research/alumni/", {"in_touch": "yes", "q": "kept"}).content.decode()
    assert "Kept" in page and "Lost" not in page


@pytest.mark.parametrize(
    "url", ["/fa/research/?status=nonsense", "/fa/research/grants/?outcome=nonsense"]
)
def test_a_wrong_filter_value_is_explained_in_persian(client, officer, url):
    client.force_login(officer)
    response = client.get(url)
    assert response.status_code == 200
    assert "معتبر" in response.content.decode()  # Django's "Select a valid choice", in Persian
