"""The lists people work in sort by their column headers, which keep the other filters and say
the order to assistive technology (aria-sort)."""

import re

import pytest
from django.utils import translation

from intlaffairs.roles import Role
from students.models import Application

from .test_url_policy import sample_objects
from .test_waiting import clone

pytestmark = pytest.mark.django_db

# Each main list and the sort names of its headers.
LISTS = {
    "/en/students/applications/": ["reference", "name", "nationality", "channel", "stage", "since"],
    "/en/agreements/": ["type", "status", "ends", "owner"],
    "/en/agreements/institutions/": ["name", "country", "city", "kind", "agreements"],
    "/en/exchanges/mobilities/": ["name", "direction", "kind", "dates", "status"],
    "/en/incentives/claims/": ["number", "claimant", "status", "submitted"],
    "/en/incentives/certificates/": ["person", "test", "overall", "taken", "status"],
    "/en/research/": ["title", "kind", "status"],
}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize("url", LISTS)
def test_every_header_sorts_both_ways(client, make_user, url):
    sample_objects(make_user(Role.ADMINISTRATOR))
    client.force_login(make_user(Role.MANAGER))
    page = client.get(url).content.decode()
    assert "aria-sort" not in page
    for name in LISTS[url]:
        assert f'href="?sort={name}"' in page, name
        for value, state, toggle in [
            (name, "ascending", f"-{name}"),
            (f"-{name}", "descending", name),
        ]:
            sorted_page = client.get(url, {"sort": value}).content.decode()
            assert re.search(
                rf'<th scope="col" aria-sort="{state}"><a [^>]*href="\?sort={re.escape(toggle)}"',
                sorted_page,
            ), value


def test_applications_sort_by_reference_and_keep_the_filters(client, make_user):
    objects = sample_objects(make_user(Role.ADMINISTRATOR))
    for reference, channel in [("00009", "website"), ("00005", "agent"), ("00007", "agent")]:
        clone(
            Application.objects.get(pk=objects["application"].pk),
            reference=f"KUMS-1405-{reference}",
            channel=channel,
        )
    client.force_login(make_user(Role.OFFICER))

    def references(**params) -> list[str]:
        page = client.get("/en/students/applications/", params).content.decode()
        return re.findall(r'dir="ltr">(KUMS-[\d-]+)</a>', page)

    everyone = ["KUMS-1405-00001", "KUMS-1405-00005", "KUMS-1405-00007", "KUMS-1405-00009"]
    assert references(sort="reference") == everyone
    assert references(sort="-reference") == everyone[::-1]
    assert references(sort="-reference", channel="agent") == ["KUMS-1405-00007", "KUMS-1405-00005"]
    page = client.get("/en/students/applications/", {"channel": "agent", "page": "1"})
    assert 'href="?channel=agent&amp;sort=reference"' in page.content.decode()
    # A sort that is not a column is left out; the list still shows.
    assert len(references(sort="passport_number")) == 4
