"""The public site: the office's pages in every language, news and events with their feeds,
hreflang alternates and OpenGraph on public pages, the sitemap, and the office's forms."""

import re
from datetime import date
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.queries import warm
from website.models import Page, Post

from .helpers import post, site_page

pytestmark = pytest.mark.django_db


# --- The office's pages


def test_a_published_page_shows_its_title_and_markdown_in_each_language(client):
    site_page()
    english = client.get("/en/pages/why-study-here/").content.decode()
    assert "<h1" in english and "Why study in Kermanshah" in english
    assert "<h2>The university</h2>" in english
    assert '<a href="https://example.org">link</a>' in english
    assert "متن فارسی" in client.get("/fa/pages/why-study-here/").content.decode()
    assert "دەقی کوردی" in client.get("/ckb/pages/why-study-here/").content.decode()


def test_a_page_without_a_kurdish_text_falls_back_to_persian(client):
    site_page(title_ckb="", body_ckb="")
    html = client.get("/ckb/pages/why-study-here/").content.decode()
    assert "چرا کرمانشاه؟" in html and "متن فارسی" in html


@pytest.mark.parametrize(
    ("typed", "never"),
    [
        ("<script>alert(1)</script>", "<script>alert"),
        ('<img src=x onerror="alert(1)">', "<img src=x"),
        ("[click](javascript:alert(1))", 'href="javascript:'),
        ("[click](JAVASCRIPT:alert(1))", 'href="JAVASCRIPT:'),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", 'href="data:'),
        ('<a href="https://example.org" onclick="steal()">x</a>', 'onclick="steal'),
        ("</div><iframe src=//evil.example></iframe>", "<iframe"),
    ],
)
def test_html_typed_in_a_page_is_shown_as_text_and_never_runs(client, typed, never):
    site_page(body_en=f"Before\n\n{typed}\n\nAfter")
    html = client.get("/en/pages/why-study-here/").content.decode()
    body = html[html.index('class="site-text"') : html.index("</article>")]
    assert "Before" in body and "After" in body
    assert never not in html


def test_a_draft_page_is_a_404_to_visitors_and_shown_to_the_office(client, officer):
    site_page(is_published=False)
    assert client.get("/en/pages/why-study-here/").status_code == 404
    client.force_login(officer)
    html = client.get("/en/pages/why-study-here/").content.decode()
    assert "Draft: not shown to visitors" in html


def test_the_footer_of_public_pages_lists_the_published_pages_in_order(client):
    site_page("faq", title_en="Questions", order=60)
    site_page("fees", title_en="Fees", order=20)
    site_page("hidden", title_en="Hidden draft", is_published=False)
    html = client.get("/en/").content.decode()
    menu = html[html.index('data-testid="site-menu"') :]
    assert menu.index("Fees") < menu.index("Questions")
    assert "Hidden draft" not in html
    assert 'href="/en/contact/"' in menu and 'href="/en/news/"' in menu


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_no_two_links_of_the_footer_say_the_same_and_lead_elsewhere(client, language):
    """The office's "Contact us" page and the contact form are two links: two words."""
    site_page(
        "contact",
        title_fa="تماس با ما",
        title_en="Contact us",
        title_ckb="پەیوەندیمان پێوە بکە",
        title_ar="اتصل بنا",
    )
    html = client.get(f"/{language}/").content.decode()
    menu = html[html.index('data-testid="site-menu"') :]
    menu = menu[: menu.index("</nav>")]
    targets = {}
    for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', menu):
        targets.setdefault(text.strip(), set()).add(href)
    assert len(targets) == 3, targets  # the page, the news, the form
    assert all(len(hrefs) == 1 for hrefs in targets.values()), targets


def test_private_pages_carry_no_site_menu_and_no_alternates(client, officer):
    site_page()
    client.force_login(officer)
    html = client.get("/en/agreements/").content.decode()
    assert 'data-testid="site-menu"' not in html
    assert "hreflang" not in html


# --- hreflang, OpenGraph


def alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


@pytest.mark.parametrize(
    "path",
    ["/", "/pages/why-study-here/", "/news/", "/news/admissions-open/", "/contact/",
     "/students/programs/", "/exchanges/courses/"],
)  # fmt: skip
def test_every_public_page_links_its_other_languages_and_x_default(client, path):
    site_page()
    post()
    html = client.get(f"/en{path}").content.decode()
    expected = {code: f"http://testserver/{code}{path}" for code, _name in settings.LANGUAGES}
    assert alternates(html) == {**expected, "x-default": f"http://testserver{path}"}
    assert f'<link rel="canonical" href="http://testserver/en{path}">' in html
    assert '<meta property="og:locale" content="en_US">' in html
    assert '<meta property="og:locale:alternate" content="fa_IR">' in html
    assert f'<meta property="og:url" content="http://testserver/en{path}">' in html


def test_the_x_default_address_sends_a_visitor_to_their_language(client):
    site_page()
    response = client.get("/pages/why-study-here/", HTTP_ACCEPT_LANGUAGE="ckb")
    assert response.status_code == 302
    assert response.headers["Location"] == "/ckb/pages/why-study-here/"


def test_a_pages_opengraph_title_and_description_are_its_own(client):
    site_page()
    post(summary_en="Apply online before June.")
    html = client.get("/en/news/admissions-open/").content.decode()
    assert '<meta property="og:title" content="Admissions are open">' in html
    assert '<meta property="og:description" content="Apply online before June.">' in html
    assert '<meta property="og:type" content="article">' in html


# --- News and events


def test_an_event_shows_its_dates_in_each_languages_calendar_and_its_place(client):
    post(
        "open-day",
        kind="event",
        starts_on=date(2026, 3, 21),
        ends_on=date(2026, 3, 22),
        place_en="Erbil",
    )
    english = client.get("/en/news/open-day/").content.decode()
    assert "21 March 2026" in english and "22 March 2026" in english and "Erbil" in english
    persian = client.get("/fa/news/open-day/").content.decode()
    assert "۱ فروردین ۱۴۰۵" in persian


def test_the_news_list_filters_by_kind_and_hides_drafts(client):
    post("news-one", title_en="A news item")
    post("event-one", title_en="An event", kind="event", starts_on=date(2026, 5, 1))
    post("draft-one", title_en="A draft", is_published=False)
    html = client.get("/en/news/").content.decode()
    assert "A news item" in html and "An event" in html and "A draft" not in html
    events = client.get("/en/news/", {"kind": "event"}).content.decode()
    assert "An event" in events and "A news item" not in events
    odd = client.get("/en/news/", {"kind": "<script>"}).content.decode()
    assert "An event" in odd and "A news item" in odd


def test_the_rss_and_atom_feeds_carry_the_published_items_in_the_pages_language(client):
    post(title_en="Admissions are open", title_fa="پذیرش آغاز شد")
    post("hidden", title_en="Not yet", is_published=False)
    rss = client.get("/en/news/rss/")
    assert rss.headers["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(rss.content).find("channel")  # noqa: S314 - our own feed
    assert channel.findtext("language") == "en"
    assert [item.findtext("title") for item in channel.iter("item")] == ["Admissions are open"]
    assert channel.find("item").findtext("link") == "http://testserver/en/news/admissions-open/"
    atom = client.get("/fa/news/atom/")
    assert atom.headers["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(atom.content)  # noqa: S314 - our own feed
    titles = [title.text for title in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert "پذیرش آغاز شد" in titles


def test_an_event_needs_its_start_and_ends_after_it(officer, client):
    client.force_login(officer)
    data = {
        "kind": "event",
        "title_fa": "رویداد",
        "title_en": "Event",
        "slug": "event",
        "published_on": "2026-01-01",
        "starts_on": "",
        "ends_on": "",
    }
    response = client.post("/en/site/news/new/", data)
    assert response.status_code == 200
    assert "An event needs the day it starts." in response.content.decode()
    assert 'value="Event"' in response.content.decode()  # what was typed is kept
    response = client.post(
        "/en/site/news/new/", {**data, "starts_on": "2026-02-10", "ends_on": "2026-02-01"}
    )
    assert "An event ends on or after the day it starts." in response.content.decode()
    assert not Post.objects.exists()


# --- The office edits the site


def test_an_officer_writes_a_page_in_three_languages_and_publishes_it(officer, client):
    client.force_login(officer)
    response = client.post(
        "/en/site/pages/new/",
        {
            "title_fa": "خوابگاه",
            "title_en": "Accommodation",
            "title_ckb": "نیشتەجێبوون",
            "body_en": "- Rooms for two",
            "slug": "accommodation",
            "order": 40,
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/en/pages/accommodation/"
    client.logout()
    assert "<li>Rooms for two</li>" in client.get("/en/pages/accommodation/").content.decode()


def test_a_page_address_is_unique_and_a_slug(officer, client):
    site_page()
    client.force_login(officer)
    response = client.post(
        "/en/site/pages/new/",
        {"title_fa": "ت", "title_en": "T", "slug": "why-study-here", "order": 1},
    )
    assert "already exists" in response.content.decode()
    response = client.post(
        "/en/site/pages/new/", {"title_fa": "ت", "title_en": "T", "slug": "not a slug", "order": 1}
    )
    assert response.status_code == 200 and Page.objects.count() == 1


def test_the_office_list_shows_drafts_and_applicants_may_not_open_it(officer, applicant, client):
    site_page(is_published=False, title_en="Draft page")
    post(is_published=False, title_en="Draft news")
    client.force_login(officer)
    html = client.get("/en/site/").content.decode()
    assert "Draft page" in html and "Draft news" in html
    client.force_login(applicant)
    assert client.get("/en/site/").status_code == 403


# --- Query counts


def make_rows(count: int) -> None:
    Page.objects.bulk_create(
        Page(slug=f"page-{n}", title_fa=f"صفحه {n}", title_en=f"Page {n}", is_published=True)
        for n in range(count)
    )
    Post.objects.bulk_create(
        Post(
            slug=f"post-{n}",
            title_fa=f"خبر {n}",
            title_en=f"News {n}",
            kind="event" if n % 2 else "news",
            starts_on=date(2026, 1, 1) if n % 2 else None,
            is_published=True,
        )
        for n in range(count)
    )


def queries(client, urls: list[str]) -> list[int]:
    found = []
    for url in urls:
        warm(client, url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        found.append(len(captured))
    return found


PUBLIC_URLS = ["/fa/", "/fa/news/", "/fa/news/post-1/", "/fa/pages/page-1/", "/fa/news/rss/",
               "/fa/news/atom/", "/sitemap.xml", "/fa/contact/"]  # fmt: skip


def test_public_pages_query_counts_do_not_grow_with_rows(client):
    make_rows(5)
    few = queries(client, PUBLIC_URLS)
    Page.objects.all().delete()
    Post.objects.all().delete()
    make_rows(500)
    assert queries(client, PUBLIC_URLS) == few


def test_the_offices_site_page_query_count_does_not_grow_with_rows(client, officer):
    client.force_login(officer)
    make_rows(5)
    few = queries(client, ["/fa/site/", "/fa/site/contact/"])
    Page.objects.all().delete()
    Post.objects.all().delete()
    make_rows(500)
    assert queries(client, ["/fa/site/", "/fa/site/contact/"]) == few
