"""The web-presence checklist shows what the public site measurably has, beside the office's
assessments."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from strategy.web_presence import public_site_facts
from tests.exchanges.helpers import short_course
from tests.students.helpers import make_program
from tests.website.helpers import post, site_page

pytestmark = pytest.mark.django_db


def facts() -> dict[str, tuple[int, int | None]]:
    return {str(fact.label): (fact.value, fact.of) for fact in public_site_facts()}


def test_the_checklist_counts_what_the_public_site_has():
    site_page(title_ar="لماذا كرمانشاه؟", body_ar="## الجامعة\n\nنص عربي")
    site_page("fees", body_ckb="")  # not yet in Kurdish
    site_page("draft", is_published=False)
    post()
    post("old", published_on=timezone.localdate() - timedelta(days=90))
    post("open-day", kind="event", starts_on=timezone.localdate() + timedelta(days=5))
    make_program(description_en="Taught in English.")
    short_course()
    found = facts()
    assert found["Published pages in every language"] == (1, 2)
    assert found["News and events published in the last 30 days"] == (2, None)
    assert found["Upcoming events announced"] == (1, None)
    assert found["Programs with an English description"] == (1, 1)
    assert found["Short courses with their own page"] == (1, None)
    # 7 fixed pages, 2 pages, 3 posts, 1 program, 1 course, in every language
    languages = len(settings.LANGUAGES)
    assert found["Addresses in the sitemap, in every language"] == (14 * languages, None)


def test_the_web_register_shows_the_counts_in_constant_queries(client, officer):
    client.force_login(officer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            html = client.get("/en/strategy/web/").content.decode()
        assert 'data-testid="site-facts"' in html
        return len(captured)

    site_page()
    queries()  # the first request fills the per-process caches
    few = queries()
    for n in range(40):
        site_page(f"page-{n}")
        post(f"post-{n}", published_on=date(2026, 1, 1))
    assert queries() == few
