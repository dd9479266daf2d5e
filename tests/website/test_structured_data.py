"""schema.org data on the program and course pages, held to the fields Google's structured-data
documentation requires, and the sitemap.

Google's required fields, as its Search Central pages list them:
- Course info (developers.google.com/search/docs/appearance/structured-data/course-info):
  Course: name, description, provider, offers, hasCourseInstance; each Offer: category; each
  CourseInstance: courseMode, and courseSchedule or courseWorkload. Course list: name,
  description. provider: an Organization with a name.
- Job training / education programs (structured-data/job-training, EducationalOccupationalProgram):
  name, description, url, provider (name and address), timeToComplete,
  educationalCredentialAwarded, and offers with price and priceCurrency when the program charges.
"""

import json
import re
from datetime import timedelta
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from tests.exchanges.helpers import short_course
from tests.students.helpers import make_program

from .helpers import post, site_page

pytestmark = pytest.mark.django_db

COURSE_REQUIRED = ("name", "description", "provider", "offers", "hasCourseInstance")
OFFER_REQUIRED = ("category",)
COURSE_INSTANCE_REQUIRED = ("courseMode",)
COURSE_INSTANCE_ONE_OF = ("courseSchedule", "courseWorkload")
COURSE_MODES = ("Online", "Onsite", "Blended")
PROGRAM_REQUIRED = (
    "name",
    "description",
    "url",
    "provider",
    "timeToComplete",
    "educationalCredentialAwarded",
)
PROGRAM_OFFER_REQUIRED = ("price", "priceCurrency")
PROVIDER_REQUIRED = ("name",)
PROVIDER_ADDRESS_REQUIRED = ("addressLocality", "addressCountry")


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def missing(data: dict, fields: tuple[str, ...]) -> list[str]:
    return [field for field in fields if data.get(field) in (None, "", [], {})]


def test_a_course_page_carries_a_course_with_every_field_google_requires(client):
    course = short_course(hours=40, fee=Decimal("300"), description_en="Ten days on the wards.")
    html = client.get(f"/en/exchanges/courses/{course.pk}/").content.decode()
    [data] = json_ld(html)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Course"
    assert missing(data, COURSE_REQUIRED) == []
    assert missing(data["provider"], PROVIDER_REQUIRED) == []
    for offer in data["offers"]:
        assert missing(offer, OFFER_REQUIRED) == []
    assert data["offers"][0]["category"] == "Paid" and data["offers"][0]["price"] == "300"
    for instance in data["hasCourseInstance"]:
        assert instance["@type"] == "CourseInstance"
        assert missing(instance, COURSE_INSTANCE_REQUIRED) == []
        assert instance["courseMode"] in COURSE_MODES
        assert any(instance.get(field) for field in COURSE_INSTANCE_ONE_OF)
    assert data["hasCourseInstance"][0]["courseWorkload"] == "PT40H"
    assert data["hasCourseInstance"][0]["startDate"] == course.starts_on.isoformat()
    assert data["url"] == f"http://testserver/en/exchanges/courses/{course.pk}/"


def test_a_free_course_says_so(client):
    course = short_course(fee=0, hours=20)
    [data] = json_ld(client.get(f"/en/exchanges/courses/{course.pk}/").content.decode())
    assert data["offers"][0]["category"] == "Free"


def test_a_program_page_carries_a_program_with_every_field_google_requires(client):
    program = make_program(description_en="Seven years, taught in English.", duration_years=7)
    html = client.get(f"/en/students/programs/{program.pk}/").content.decode()
    [data] = json_ld(html)
    assert data["@type"] == "EducationalOccupationalProgram"
    assert missing(data, PROGRAM_REQUIRED) == []
    assert missing(data["provider"], PROVIDER_REQUIRED) == []
    assert missing(data["provider"]["address"], PROVIDER_ADDRESS_REQUIRED) == []
    assert missing(data["offers"], PROGRAM_OFFER_REQUIRED) == []
    assert data["timeToComplete"] == "P7Y"
    assert data["applicationDeadline"] == program.deadline.isoformat()


def test_a_program_of_a_year_and_a_half_takes_eighteen_months(client):
    program = make_program(duration_years=Decimal("1.5"))
    [data] = json_ld(client.get(f"/en/students/programs/{program.pk}/").content.decode())
    assert data["timeToComplete"] == "P18M"


def test_a_title_cannot_close_the_script_element(client):
    hostile = '</script><script>alert("x")</script><!--'
    course = short_course(title_en=hostile, description_en="a & b < c")
    html = client.get(f"/en/exchanges/courses/{course.pk}/").content.decode()
    assert "<script>alert" not in html
    [data] = json_ld(html)
    assert data["name"] == hostile and data["description"] == "a & b < c"


def test_structured_data_is_in_the_pages_language(client):
    program = make_program()
    [data] = json_ld(client.get(f"/fa/students/programs/{program.pk}/").content.decode())
    assert data["name"] == "پزشکی عمومی"
    assert data["provider"]["name"] == "دانشگاه علوم پزشکی کرمانشاه"


def test_the_csp_lets_no_inline_script_run_and_the_data_needs_no_exception(client):
    course = short_course()
    response = client.get(f"/en/exchanges/courses/{course.pk}/")
    policy = response.headers["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy) or re.search(
        r"default-src ([^;]*)", policy
    )
    assert "'unsafe-inline'" not in script_src[1]
    # The only inline script element is data (application/ld+json), which browsers never run.
    scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.content.decode())
    assert scripts == [' type="application/ld+json"']


# --- sitemap.xml

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap(client) -> dict[str, dict[str, str]]:
    """Each <loc> of sitemap.xml, with its alternates {hreflang: href}."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own sitemap
    return {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def test_the_sitemap_lists_every_public_page_in_every_language_with_alternates(client):
    site_page()
    site_page("draft", is_published=False)
    post()
    program = make_program()
    course = short_course()
    hidden = short_course(is_published=False, deadline=timezone.localdate() + timedelta(days=3))
    urls = sitemap(client)
    for path in (
        "/",
        "/students/programs/",
        "/exchanges/courses/",
        "/news/",
        "/contact/",
        "/pages/why-study-here/",
        "/news/admissions-open/",
        f"/students/programs/{program.pk}/",
        f"/exchanges/courses/{course.pk}/",
    ):
        for language in ("fa", "en", "ckb", "ar"):
            assert urls[f"http://testserver/{language}{path}"] == {
                "fa": f"http://testserver/fa{path}",
                "en": f"http://testserver/en{path}",
                "ckb": f"http://testserver/ckb{path}",
                "ar": f"http://testserver/ar{path}",
                "x-default": f"http://testserver{path}",
            }
    assert not any("/pages/draft/" in url for url in urls)
    assert not any(f"/exchanges/courses/{hidden.pk}/" in url for url in urls)
