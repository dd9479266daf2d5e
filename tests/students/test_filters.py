"""The recruitment lists filter through their FilterSets: the bookmarked parameters still work
(`?faculty=` is the unit, in any digits), and a value that is not one is explained in the filter
bar, never a server error."""

from datetime import date

import pytest

from intlaffairs.jalali import to_local_digits
from intlaffairs.models import Unit
from students.models import Agent, RecognitionIssue

from .helpers import make_program

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return sorted(str(row) for row in response.context["page"].object_list)


def test_the_bookmarked_filters_of_the_recruitment_lists_still_filter(client, officer):
    dentistry = Unit.objects.create(name_en="School of Dentistry", name_fa="دندان‌پزشکی")
    make_program(name_en="Medicine (MD)")
    make_program(name_en="Dentistry (DDS)", degree="dds", unit=dentistry)
    make_program(name_en="Dental PhD", degree="phd", unit=dentistry)
    Agent.objects.create(name="Agent Smith", country="IQ")
    Agent.objects.create(name="Introducer Jones", country="IQ", kind="introducer")
    RecognitionIssue.objects.create(country="PK", issue="Open one", since=date(2025, 1, 1))
    RecognitionIssue.objects.create(
        country="PK", issue="Done one", since=date(2025, 1, 1), status="resolved"
    )
    RecognitionIssue.objects.create(country="IQ", issue="Elsewhere", since=date(2025, 1, 1))

    page = client.get(
        "/en/students/programs/", {"faculty": to_local_digits(dentistry.pk), "degree": "dds"}
    )
    assert [program.name_en for program in page.context["page"].object_list] == ["Dentistry (DDS)"]
    client.force_login(officer)
    page = client.get("/en/students/agents/", {"kind": "introducer"}).content.decode()
    assert "Introducer Jones" in page and "Agent Smith" not in page
    page = client.get("/en/students/recognition/", {"status": "open", "country": "PK"})
    assert [issue.issue for issue in page.context["page"].object_list] == ["Open one"]


@pytest.mark.parametrize(
    "url",
    [
        "/fa/students/programs/?degree=nonsense",
        "/fa/students/agents/?kind=nonsense",
        "/fa/students/recognition/?status=nonsense",
        "/fa/students/applications/?channel=nonsense",
    ],
)
def test_a_wrong_filter_value_is_explained_in_persian(client, officer, url):
    client.force_login(officer)
    response = client.get(url)
    assert response.status_code == 200
    assert "معتبر" in response.content.decode()  # Django's "Select a valid choice", in Persian
