"""sitemap.xml: every public page of the portal in every language, each with its alternates in
the others and x-default (the address without a language, which sends a visitor to theirs)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from exchanges.models import ShortCourse
from students.models import Program

from .models import Page, Post


class _EveryLanguage(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class FixedPages(_EveryLanguage):
    """The public pages that are not records: the home page, the lists, the forms."""

    changefreq = "weekly"

    def items(self) -> list[str]:
        return [
            "home",
            "students:program_list",
            "exchanges:course_list",
            "website:post_list",
            "website:contact",
            "document_verify",
            "exchanges:certificate_verify",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class Pages(_EveryLanguage):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Page.objects.published()

    def lastmod(self, item: Page):
        return item.updated_at


class Posts(_EveryLanguage):
    changefreq = "monthly"

    def items(self):
        return Post.objects.published()

    def lastmod(self, item: Post):
        return item.updated_at


class Programs(_EveryLanguage):
    priority = 0.9

    def items(self):
        return Program.objects.published().order_by("pk")


class Courses(_EveryLanguage):
    priority = 0.8

    def items(self):
        return ShortCourse.objects.published().order_by("pk")


SITEMAPS = {
    "site": FixedPages,
    "pages": Pages,
    "news": Posts,
    "programs": Programs,
    "courses": Courses,
}
