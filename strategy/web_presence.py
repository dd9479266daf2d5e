"""What the public site has today, measured from its data rather than assessed: the counts the
web-presence checklist shows beside the office's own assessments (website, students and
exchanges are read, never written)."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exchanges.models import ShortCourse
from students.models import Program
from website.models import Inquiry, Page, Post
from website.sitemaps import FixedPages

# News is "kept current" when something was published within this many days.
CURRENT_DAYS = 30


@dataclass(frozen=True)
class Fact:
    label: str
    value: int
    # Of how many (pages in every language: of all pages), or None for a plain count.
    of: int | None = None


def _every_language(prefix: str) -> Q:
    condition = Q()
    for code, _name in settings.LANGUAGES:
        condition &= ~Q(**{f"{prefix}_{code}": ""}) & Q(**{f"{prefix}_{code}__isnull": False})
    return condition


def public_site_facts() -> list[Fact]:
    """The measured items of the checklist, in a handful of queries whatever the data."""
    since = timezone.localdate() - timedelta(days=CURRENT_DAYS)
    pages = Page.objects.published().aggregate(
        total=Count("pk"),
        translated=Count("pk", filter=_every_language("title") & _every_language("body")),
    )
    posts = Post.objects.published().aggregate(
        total=Count("pk"),
        recent=Count("pk", filter=Q(published_on__gte=since)),
        events=Count("pk", filter=Q(kind=Post.Kind.EVENT, starts_on__gte=timezone.localdate())),
    )
    programs = Program.objects.published().aggregate(
        total=Count("pk"), described=Count("pk", filter=~Q(description_en=""))
    )
    courses = ShortCourse.objects.published().count()
    languages = len(settings.LANGUAGES)
    records = pages["total"] + posts["total"] + programs["total"] + courses
    public_urls = len(FixedPages().items()) + records
    return [
        Fact(_("Published pages in every language"), pages["translated"], pages["total"]),
        Fact(_("News and events published in the last 30 days"), posts["recent"]),
        Fact(_("Upcoming events announced"), posts["events"]),
        Fact(_("Programs with an English description"), programs["described"], programs["total"]),
        Fact(_("Short courses with their own page"), courses),
        Fact(_("Addresses in the sitemap, in every language"), public_urls * languages),
        Fact(
            _("Contact messages in the last 30 days"),
            Inquiry.objects.filter(sent_at__date__gte=since).count(),
        ),
    ]
