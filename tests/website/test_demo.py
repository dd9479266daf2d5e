import pytest

from website.demo import seed_website
from website.models import Page, Post

pytestmark = pytest.mark.django_db


def test_the_demo_site_has_the_seven_pages_in_four_languages_and_seeds_once(client):
    seed_website()
    seed_website()
    pages = Page.objects.published()
    assert sorted(pages.values_list("slug", flat=True)) == sorted(
        [
            "why-study-here",
            "fees-and-scholarships",
            "life-in-kermanshah",
            "accommodation",
            "visa-and-arrival",
            "faq",
            "contact",
        ]
    )
    for page in pages:
        for code in ("fa", "en", "ckb", "ar"):
            assert getattr(page, f"title_{code}") and getattr(page, f"body_{code}"), page.slug
    assert Post.objects.filter(kind="event").count() == 2
    assert Post.objects.filter(kind="news").count() == 2
    for language in ("fa", "en", "ckb", "ar"):
        for page in pages:
            assert client.get(f"/{language}/pages/{page.slug}/").status_code == 200
