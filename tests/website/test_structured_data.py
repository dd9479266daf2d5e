"""schema.org data (JSON-LD) on every public page that carries it, held to the fields the
structured-data documents require, in every interface language; the sitemap, and the hreflang,
canonical and OpenGraph tags of each page agreeing with it; constant query counts.

The documents each table comes from, at the addresses the search tool gave them:
- COURSE_INFO: Google Search Central, "Course info (Course and CourseInstance) structured data",
  https://developers.google.cn/search/docs/appearance/structured-data/course-info
  Required: Course name, description, provider, offers, hasCourseInstance; each Offer its
  category (Free, Partially Free, Subscription, Paid); each CourseInstance its courseMode
  (Online, Onsite, Blended) and courseSchedule or courseWorkload. The Rich Results Test's
  errors for pages missing them, as quoted in https://github.com/openfun/richie/issues/2444
  ("Missing field 'offers'", "Missing field 'hasCourseInstance'", "Either 'courseWorkload' or
  'courseSchedule' should be specified (in 'hasCourseInstance')") and
  https://github.com/open-life-science/open-life-science.github.io/issues/756 ("Invalid enum
  value in field 'courseMode'").
- COURSE_LIST: Google, "Course (Course list) structured data",
  https://developers.google.cn/search/docs/data-types/course?hl=ja : Course name and
  description required; provider (an Organization with name and sameAs) recommended; the
  summary page lists its courses as an ItemList of ListItems, each its position and url.
- EVENT: Google, "Event (Event) structured data",
  https://developers-dot-devsite-v2-prod.appspot.com/search/docs/advanced/structured-data/event
  and its summary https://techfry.com/structured-data/event-structured-data : required name,
  startDate (ISO 8601), location (a Place, with its address for an event held in person);
  recommended description, endDate, eventAttendanceMode, eventStatus, organizer.
- ARTICLE: Google, "Article (Article, NewsArticle, BlogPosting) structured data",
  https://developers.google.com/search/docs/appearance/structured-data/article : no property is
  required; recommended author (name, url), datePublished, dateModified, headline, image (we have
  no image).
- BREADCRUMB: Google, "Breadcrumb (BreadcrumbList) structured data",
  https://s.veneneo.workers.dev/https/developers.google.com/search/docs/appearance/structured-data/breadcrumb
  with its property table as https://dheerajbhagatseo.blogspot.com/2015/07/breadcrumbs.html and
  https://developer.yoast.com/features/schema/pieces/breadcrumb/ quote it: itemListElement, each
  ListItem its position (from 1), name and item (the address).
- PROGRAM: Google has no rich result a degree program can get: its job-training feature
  (https://developers.google.cn/search/docs/data-types/job-training) takes only US providers'
  programs that lead to occupations requiring less than a bachelor's degree. So the program's
  list is ours, from the properties schema.org defines for it
  (https://www.schema.org/EducationalOccupationalProgram): what an applicant compares (name,
  description, url, provider, educationalCredentialAwarded, timeToComplete, startDate,
  applicationDeadline, offers with price and priceCurrency).
- ORGANIZATION: schema.org CollegeOrUniversity (an Organization); Google's organization markup
  requires nothing and recommends name, url, sameAs, address: we give the four.
"""

import json
import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from intlaffairs import jalali
from tests.exchanges.helpers import short_course
from tests.students.helpers import fee_schedule, make_program
from website.models import Post

from .helpers import post, site_page

pytestmark = pytest.mark.django_db

COURSE_INFO = "https://developers.google.cn/search/docs/appearance/structured-data/course-info"
EVENT = (
    "https://developers-dot-devsite-v2-prod.appspot.com/search/docs/advanced/structured-data/event"
)
COURSE_LIST = "https://developers.google.cn/search/docs/data-types/course?hl=ja"
ARTICLE = "https://developers.google.com/search/docs/appearance/structured-data/article"
BREADCRUMB = "developers.google.com/search/docs/appearance/structured-data/breadcrumb"
PROGRAM = "https://www.schema.org/EducationalOccupationalProgram"
ORGANIZATION = "https://www.schema.org/CollegeOrUniversity"

# @type: (fields every such node must carry, groups of which it carries at least one, source)
REQUIRED = {
    "Course": (("name", "description", "provider", "offers", "hasCourseInstance"), (), COURSE_INFO),
    "CourseInstance": (("courseMode",), (("courseSchedule", "courseWorkload"),), COURSE_INFO),
    "EducationalOccupationalProgram": (
        ("name", "description", "url", "provider", "educationalCredentialAwarded",
         "timeToComplete", "startDate", "applicationDeadline", "offers"),
        (),
        PROGRAM,
    ),
    "Offer": (("category",), (), COURSE_INFO),
    "Event": (("name", "startDate", "location"), (), EVENT),
    "Place": (("address",), (), EVENT),
    "NewsArticle": ((), (), ARTICLE),
    "BreadcrumbList": (("itemListElement",), (), BREADCRUMB),
    "ItemList": (("itemListElement",), (), COURSE_LIST),
    "ListItem": (("position", "name"), (("item", "url"),), BREADCRUMB),
    "CollegeOrUniversity": ((), (), ORGANIZATION),
    "UnitPriceSpecification": (("price", "priceCurrency"), (), PROGRAM),
}  # fmt: skip
# The recommended fields each page has the data for, so it gives them.
RECOMMENDED = {
    "Course": ("inLanguage", "url", "educationalCredentialAwarded"),  # COURSE_INFO
    "CourseInstance": ("startDate", "endDate", "location", "inLanguage"),  # COURSE_INFO
    "EducationalOccupationalProgram": ("inLanguage", "maximumEnrollment"),  # PROGRAM
    "Event": ("endDate", "eventAttendanceMode", "eventStatus", "organizer", "url"),  # EVENT
    "NewsArticle": ("headline", "datePublished", "dateModified", "author", "url"),  # ARTICLE
    "CollegeOrUniversity": ("name", "url", "sameAs", "address"),  # ORGANIZATION, COURSE_LIST
    "Offer": ("price", "priceCurrency", "url"),  # COURSE_INFO
    "Place": ("name",),  # EVENT
    "PostalAddress": ("addressLocality", "addressCountry"),  # EVENT, ORGANIZATION
}
COURSE_MODES = {"Online", "Onsite", "Blended"}  # COURSE_INFO
COURSE_OFFER_CATEGORIES = {"Free", "Partially Free", "Subscription", "Paid"}  # COURSE_INFO
DATES = {"startDate", "endDate", "datePublished", "dateModified", "applicationDeadline",
         "validThrough"}  # fmt: skip
DURATIONS = {"timeToComplete", "courseWorkload"}
ADDRESSES = {"url", "item", "sameAs", "mainEntityOfPage"}
ISO_DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$")


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def empty(value) -> bool:
    return value in (None, "", [], {})


def problems(node, where: str = "") -> list[str]:
    """Every way `node` and the nodes inside it fall short of the tables and formats above."""
    found = []
    if isinstance(node, list):
        for index, item in enumerate(node):
            found += problems(item, f"{where}[{index}]")
        return found
    if not isinstance(node, dict):
        return found
    kind = node.get("@type")
    where = f"{where}/{kind}"
    required, one_of, _source = REQUIRED.get(kind, ((), (), ""))
    found += [f"{where} lacks {field}" for field in required if empty(node.get(field))]
    found += [
        f"{where} lacks one of {group}"
        for group in one_of
        if all(empty(node.get(field)) for field in group)
    ]
    found += [f"{where} lacks {field}" for field in RECOMMENDED.get(kind, ()) if field not in node]
    for field, value in node.items():
        if field in DATES and not iso_date(value):
            found.append(f"{where}.{field} is not ISO 8601: {value!r}")
        if field in DURATIONS and not ISO_DURATION.match(str(value)):
            found.append(f"{where}.{field} is not an ISO 8601 duration: {value!r}")
        if field in ADDRESSES and not re.match(r"^https?://[^/]+", str(value)):
            found.append(f"{where}.{field} is not an absolute address: {value!r}")
        if field == "price" and not re.match(r"^\d+(\.\d+)?$", str(value)):
            found.append(f"{where}.price is not a plain number: {value!r}")
        if field == "priceCurrency" and not re.match(r"^[A-Z]{3}$", str(value)):
            found.append(f"{where}.priceCurrency is not ISO 4217: {value!r}")
        if empty(value):
            found.append(f"{where}.{field} is empty")
        found += problems(value, f"{where}.{field}")
    return found


def iso_date(value) -> bool:
    try:
        (date.fromisoformat if len(str(value)) == 10 else datetime.fromisoformat)(str(value))
    except ValueError:
        return False
    return True


def blocks_of(client, path: str) -> tuple[str, dict[str, dict]]:
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.content.decode()
    blocks = json_ld(html)
    for block in blocks:
        assert block["@context"] == "https://schema.org"
        assert problems(block) == [], path
    return html, {block["@type"]: block for block in blocks}


def canonical(html: str) -> str:
    return re.search(r'<link rel="canonical" href="([^"]+)">', html)[1]


def breadcrumb_ends_here(blocks: dict, html: str, top: str) -> None:
    items = blocks["BreadcrumbList"]["itemListElement"]
    assert [item["position"] for item in items] == [1, 2]
    assert items[0]["item"].endswith(top) and items[1]["item"] == canonical(html)


LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def program():
    program = make_program(description_en="Seven years, taught in English.", duration_years=7)
    fee_schedule(program, application_fee=100, deposit=0, tuition=Decimal("3250.50"))
    return program


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_program_page_carries_every_field_in_every_language(client, program, language):
    html, blocks = blocks_of(client, f"/{language}/students/programs/{program.pk}/")
    data = blocks["EducationalOccupationalProgram"]
    assert data["url"] == canonical(html)
    assert data["timeToComplete"] == "P7Y"
    assert data["applicationDeadline"] == program.deadline.isoformat()
    # The intake 1405 starts on 1 Mehr 1405.
    assert data["startDate"] == jalali.academic_year_bounds(1405)[0].isoformat() == "2026-09-23"
    assert data["inLanguage"] == "en"  # taught in English, whatever the page's language
    provider = data["provider"]
    assert provider["@type"] == "CollegeOrUniversity"
    assert provider["url"] == f"http://testserver/{language}/"
    assert provider["sameAs"] == "https://www.kums.ac.ir/"
    breadcrumb_ends_here(blocks, html, f"/{language}/students/programs/")


def test_a_programs_offers_come_from_its_fee_schedule(client, program):
    _html, blocks = blocks_of(client, f"/en/students/programs/{program.pk}/")
    offers = blocks["EducationalOccupationalProgram"]["offers"]
    # The deposit of 0 is not asked for, so it is not offered.
    assert [(offer["category"], offer["price"], offer["priceCurrency"]) for offer in offers] == [
        ("Application fee", "100", "USD"),
        ("Tuition", "3250.5", "USD"),
    ]
    assert offers[1]["priceSpecification"]["unitText"] == "year"
    assert offers[1]["validThrough"] == program.deadline.isoformat()


def test_a_program_without_a_fee_schedule_offers_the_tuition_on_the_program(client):
    program = make_program(duration_years=Decimal("1.5"), currency="EUR")
    _html, blocks = blocks_of(client, f"/fa/students/programs/{program.pk}/")
    data = blocks["EducationalOccupationalProgram"]
    assert data["timeToComplete"] == "P18M"
    [offer] = data["offers"]
    assert (offer["price"], offer["priceCurrency"]) == ("6500", "EUR")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_course_page_carries_every_field_google_requires_in_every_language(client, language):
    course = short_course(hours=40, fee=Decimal("300"), description_en="Ten days on the wards.")
    html, blocks = blocks_of(client, f"/{language}/exchanges/courses/{course.pk}/")
    data = blocks["Course"]
    assert data["url"] == canonical(html)
    [instance] = data["hasCourseInstance"]
    assert instance["courseMode"] in COURSE_MODES
    assert instance["courseWorkload"] == "PT40H"
    assert instance["startDate"] == course.starts_on.isoformat()
    assert instance["endDate"] == course.ends_on.isoformat()
    [offer] = data["offers"]
    assert offer["category"] in COURSE_OFFER_CATEGORIES
    assert (offer["category"], offer["price"], offer["priceCurrency"]) == ("Paid", "300", "USD")
    breadcrumb_ends_here(blocks, html, f"/{language}/exchanges/courses/")


def test_the_program_and_course_lists_name_each_record_in_order(client, program):
    courses = [short_course(title_en=f"Course {n}", starts_on=timezone.localdate()
                            + timedelta(days=30 + n)) for n in range(3)]  # fmt: skip
    for language in LANGUAGES:
        _html, blocks = blocks_of(client, f"/{language}/exchanges/courses/")
        items = blocks["ItemList"]["itemListElement"]
        assert [item["position"] for item in items] == [1, 2, 3]
        # newest start first, as the page shows them
        assert [item["url"] for item in items] == [
            f"http://testserver/{language}/exchanges/courses/{course.pk}/"
            for course in reversed(courses)
        ]
        _html, blocks = blocks_of(client, f"/{language}/students/programs/")
        [item] = blocks["ItemList"]["itemListElement"]
        assert item["url"] == f"http://testserver/{language}/students/programs/{program.pk}/"
    html = client.get("/en/students/programs/?q=nothing-matches-this").content.decode()
    assert json_ld(html) == []


def test_a_free_course_without_hours_gives_its_length_in_days(client):
    course = short_course(fee=0)
    _html, blocks = blocks_of(client, f"/en/exchanges/courses/{course.pk}/")
    [offer] = blocks["Course"]["offers"]
    assert (offer["category"], offer["price"]) == ("Free", "0")
    # starts in 30 days, ends in 40: eleven days, both included
    assert blocks["Course"]["hasCourseInstance"][0]["courseWorkload"] == "P11D"


@pytest.mark.parametrize("language", LANGUAGES)
def test_news_events_and_the_home_page_carry_their_data_in_every_language(client, language):
    news = post(summary_en="Apply online.")
    event = post(
        "open-day",
        kind="event",
        starts_on=date(2026, 5, 10),
        ends_on=date(2026, 5, 11),
        place_en="Main hall",
        place_fa="تالار اصلی",
    )
    html, blocks = blocks_of(client, f"/{language}/news/{news.slug}/")
    article = blocks["NewsArticle"]
    assert article["url"] == article["mainEntityOfPage"] == canonical(html)
    assert article["datePublished"] == news.published_on.isoformat()
    assert article["inLanguage"] == language
    breadcrumb_ends_here(blocks, html, f"/{language}/news/")

    html, blocks = blocks_of(client, f"/{language}/news/{event.slug}/")
    data = blocks["Event"]
    assert (data["startDate"], data["endDate"]) == ("2026-05-10", "2026-05-11")
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    # Kurdish and any language without its own text fall back to Persian.
    # The place is typed in fa and en only: ar falls back to English, ckb to Persian.
    assert data["location"]["name"] == ("Main hall" if language in ("en", "ar") else "تالار اصلی")
    assert data["url"] == canonical(html)

    html, blocks = blocks_of(client, f"/{language}/")
    assert (
        blocks["CollegeOrUniversity"]["url"] == canonical(html) == f"http://testserver/{language}/"
    )


def test_an_event_without_a_place_is_held_at_the_university(client):
    event = post("lecture", kind="event", starts_on=date(2026, 5, 10))
    _html, blocks = blocks_of(client, f"/en/news/{event.slug}/")
    location = blocks["Event"]["location"]
    assert location["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Kermanshah",
        "addressCountry": "IR",
    }
    assert blocks["Event"]["endDate"] == "2026-05-10"


def test_the_checks_catch_what_google_would_refuse():
    """The table is not vacuous: a course without an instance's workload, with a wrong mode,
    relative addresses and a date that is not ISO 8601 is refused for each."""
    course = {
        "@type": "Course",
        "name": "x",
        "description": "x",
        "provider": {"@type": "CollegeOrUniversity", "name": "u", "url": "/fa/"},
        "offers": [{"@type": "Offer", "category": "Paid", "price": "1,000", "priceCurrency": "$"}],
        "hasCourseInstance": [{"@type": "CourseInstance", "courseMode": "Onsite",
                               "startDate": "1405/07/01"}],
    }  # fmt: skip
    found = problems(course)
    assert "/Course.hasCourseInstance[0]/CourseInstance lacks one of " in " ".join(found)
    assert any("url is not an absolute address" in problem for problem in found)
    assert any("startDate is not ISO 8601" in problem for problem in found)
    assert any("price is not a plain number" in problem for problem in found)
    assert any("priceCurrency is not ISO 4217" in problem for problem in found)
    assert any("lacks sameAs" in problem for problem in found)


def test_a_title_cannot_close_the_script_element(client):
    hostile = '</script><script>alert("x")</script><!-- \'quoted\' & "more"'
    course = short_course(title_en=hostile, description_en="a & b < c")
    html = client.get(f"/en/exchanges/courses/{course.pk}/").content.decode()
    assert "<script>alert" not in html
    data = {block["@type"]: block for block in json_ld(html)}
    assert data["Course"]["name"] == hostile and data["Course"]["description"] == "a & b < c"
    assert data["BreadcrumbList"]["itemListElement"][1]["name"] == hostile


def test_structured_data_is_in_the_pages_language(client):
    program = make_program()
    _html, blocks = blocks_of(client, f"/fa/students/programs/{program.pk}/")
    assert blocks["EducationalOccupationalProgram"]["name"] == "پزشکی عمومی"
    assert blocks["EducationalOccupationalProgram"]["provider"]["name"] == (
        "دانشگاه علوم پزشکی کرمانشاه"
    )


def test_the_csp_lets_no_inline_script_run_and_the_data_needs_no_exception(client):
    course = short_course()
    response = client.get(f"/en/exchanges/courses/{course.pk}/")
    policy = response.headers["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy) or re.search(
        r"default-src ([^;]*)", policy
    )
    assert "'unsafe-inline'" not in script_src[1]
    # The only inline script elements are data (application/ld+json), which browsers never run.
    scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.content.decode())
    assert set(scripts) == {' type="application/ld+json"'}


# --- sitemap.xml, and each page's hreflang, canonical and OpenGraph agreeing with it

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


def head_alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def public_records():
    site_page()
    site_page("draft", is_published=False)
    post()
    post("open-day", kind="event", starts_on=timezone.localdate() + timedelta(days=5))
    program = make_program()
    course = short_course()
    make_program(name_en="Closed", is_published=False)
    hidden = short_course(is_published=False, deadline=timezone.localdate() + timedelta(days=3))
    paths = [
        "/",
        "/students/programs/",
        "/exchanges/courses/",
        "/news/",
        "/contact/",
        "/verify/",  # documents of record: the public register of what the office issued
        "/exchanges/certificates/verify/",  # certificates of attendance
        "/pages/why-study-here/",
        "/news/admissions-open/",
        "/news/open-day/",
        f"/students/programs/{program.pk}/",
        f"/exchanges/courses/{course.pk}/",
    ]
    return paths, hidden


def test_the_sitemap_lists_every_public_page_in_every_language_with_alternates(client):
    paths, hidden = public_records()
    urls = sitemap(client)
    for path in paths:
        expected = {code: f"http://testserver/{code}{path}" for code in LANGUAGES}
        expected["x-default"] = f"http://testserver{path}"
        for code in LANGUAGES:
            assert urls[f"http://testserver/{code}{path}"] == expected, path
    assert len(urls) == len(paths) * len(LANGUAGES)  # nothing else: no draft, no closed record
    assert not any("/pages/draft/" in url for url in urls)
    assert not any(f"/exchanges/courses/{hidden.pk}/" in url for url in urls)


def test_each_pages_hreflang_canonical_and_opengraph_agree_with_the_sitemap(client):
    public_records()
    for loc, alternates in sitemap(client).items():
        html = client.get(loc.removeprefix("http://testserver")).content.decode()
        assert head_alternates(html) == alternates, loc
        assert canonical(html) == loc
        assert f'<meta property="og:url" content="{loc}">' in html
        language = loc.removeprefix("http://testserver/").split("/")[0]
        assert f'<html lang="{language}"' in html
        for block in json_ld(html):
            if "url" in block and block["@type"] != "CollegeOrUniversity":
                assert block["url"] == loc


# --- Query counts: the public pages read as many rows in one query as in another


def make_catalog(count: int) -> tuple[int, int]:
    programs = [make_program(name_en=f"Program {n}") for n in range(count)]
    for program in programs[::2]:
        fee_schedule(program)
    courses = [short_course(title_en=f"Course {n}", hours=n or None) for n in range(count)]
    for n in range(count):
        post(
            f"post-{n}",
            kind="event" if n % 2 else "news",
            starts_on=date(2026, 1, 1) if n % 2 else None,
        )
    return programs[0].pk, courses[0].pk


def catalog_urls(program: int, course: int) -> list[str]:
    return [
        "/fa/",
        "/fa/students/programs/",
        f"/fa/students/programs/{program}/",
        "/fa/exchanges/courses/",
        f"/fa/exchanges/courses/{course}/",
        "/fa/news/",
        "/fa/news/post-0/",
        "/fa/news/post-1/",
        "/sitemap.xml",
    ]


def test_public_pages_keep_their_query_counts_from_5_to_50_records(
    client, django_assert_num_queries
):
    few = []
    for url in catalog_urls(*make_catalog(5)):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        few.append(len(captured))
    Post.objects.all().delete()
    for url, count in zip(catalog_urls(*make_catalog(50)), few, strict=True):
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200, url
