"""schema.org data (JSON-LD) for search engines, one builder per kind of public page:

- a degree program: EducationalOccupationalProgram, its fees as Offers (from the fee schedule
  of its intake where the managers entered one, else the tuition on the program);
- a short course: Course with its one CourseInstance (dates, mode, workload, place) and Offer;
- a news item: NewsArticle; an event: Event (held in person, at its place);
- the home page: the university, CollegeOrUniversity;
- the pages with a breadcrumb trail: BreadcrumbList;
- the lists of programs and courses: ItemList of the records on the page.

Built to the fields Google's structured-data documents require and recommend; the tests
(tests/website/test_structured_data.py) hold every page to them, citing each document.
Every address is absolute, every date ISO 8601 (dates, not invented times), every duration an
ISO 8601 duration; texts come in the page's language, `inLanguage` says which (for programs and
courses: the language of instruction).

The JSON is escaped for an HTML script element like Django's json_script: "<", ">" and "&"
become \\u escapes, so no text of a record can close the element. A script of type
application/ld+json is data the browser never runs, so the CSP's script-src does not apply.
"""

import json
from datetime import date
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from intlaffairs import jalali
from students.models import Invoice

_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

# The university's own website, which names the same organization (schema.org sameAs).
UNIVERSITY_WEBSITE = "https://www.kums.ac.ir/"
# Google's course info: courseMode is "Online", "Onsite" or "Blended"; ours are taught in
# Kermanshah.
COURSE_MODE = "Onsite"
# Google's course info: an Offer's category is "Free", "Partially Free", "Subscription" or "Paid".
FREE, PAID = "Free", "Paid"
OFFLINE = "https://schema.org/OfflineEventAttendanceMode"
SCHEDULED = "https://schema.org/EventScheduled"


def _escaped(data: dict) -> SafeString:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_ESCAPES))


def json_ld(*blocks: dict) -> SafeString:
    """Each of `blocks` as a <script type="application/ld+json"> element, escaped for HTML."""
    element = '<script type="application/ld+json">{}</script>'
    return format_html_join("\n", element, ((_escaped(data),) for data in blocks))


def _clean(data: dict) -> dict:
    """`data` without empty values (schema.org wants a property left out, not empty)."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _amount(value) -> str:
    """A Decimal as schema.org's price wants it: digits and a dot, no grouping ("6500", "99.5")."""
    number = Decimal(value).normalize()
    return format(number, "f")


def _years(duration) -> str | None:
    """A duration in years (7, 1.5) as ISO 8601 (P7Y, P18M)."""
    if not duration:
        return None
    months = round(Decimal(duration) * 12)
    return f"P{months // 12}Y" if months % 12 == 0 else f"P{months}M"


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def kermanshah() -> dict:
    return {"@type": "PostalAddress", "addressLocality": _("Kermanshah"), "addressCountry": "IR"}


def university(request) -> dict:
    """The university as provider and organizer: its name in the page's language, the portal's
    home page in that language and the university's own website as the same organization."""
    return {
        "@type": "CollegeOrUniversity",
        "name": _("Kermanshah University of Medical Sciences"),
        "url": _absolute(request, reverse("home")),
        "sameAs": UNIVERSITY_WEBSITE,
        "address": kermanshah(),
    }


def home_data(request) -> dict:
    return {"@context": "https://schema.org", **university(request)}


def breadcrumb_data(request, trail: list[tuple[str, str]]) -> dict:
    """The breadcrumb trail [(name, path), ...] from the top down to the page itself."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": _absolute(request, path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def item_list_data(request, page) -> dict:
    """A list page's records, in the order shown and numbered across pages (Google's course
    list: the summary page names the detail pages it lists)."""
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": str(record),
                "url": _absolute(request, record.get_absolute_url()),
            }
            for position, record in enumerate(page.object_list, start=page.start_index())
        ],
    }


def _program_offers(program, url: str) -> list[dict]:
    """The fees a program asks for: its fee schedule for its intake where there is one (the
    application fee and deposit when asked, the tuition per year or semester), else the tuition
    per year typed on the program. Each Offer's category is the fee's name."""
    schedule = program.fee_schedules.filter(intake=program.intake).first()
    if schedule is None:
        fees = [(Invoice.Kind.TUITION, program.tuition, program.currency, "year")]
    else:
        fees = [
            (kind, schedule.amount_for(kind), schedule.currency, schedule.tuition_period)
            for kind in Invoice.Kind.values
        ]
    offers = []
    for kind, amount, currency, period in fees:
        if kind != Invoice.Kind.TUITION and not amount:
            continue
        offer = {
            "@type": "Offer",
            "category": Invoice.Kind(kind).label,
            "price": _amount(amount),
            "priceCurrency": currency,
            "url": url,
            "validThrough": _iso(program.deadline),
        }
        if kind == Invoice.Kind.TUITION:
            offer["priceSpecification"] = {
                "@type": "UnitPriceSpecification",
                "price": _amount(amount),
                "priceCurrency": currency,
                "unitText": period,
            }
        offers.append(offer)
    return offers


def program_data(program, request) -> dict:
    """A degree program as schema.org EducationalOccupationalProgram."""
    url = _absolute(request, request.path)
    starts, _last_day = jalali.academic_year_bounds(program.intake)
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "EducationalOccupationalProgram",
            "name": str(program),
            "description": program.description or str(program),
            "url": url,
            "inLanguage": program.language,
            "provider": university(request),
            "educationalCredentialAwarded": program.get_degree_display(),
            "timeToComplete": _years(program.duration_years),
            "startDate": _iso(starts),
            "applicationDeadline": _iso(program.deadline),
            "maximumEnrollment": program.capacity,
            "offers": _program_offers(program, url),
        }
    )


def _course_workload(course) -> str:
    """The hours of teaching (PT40H); for a course without them, its length in days (P11D),
    each day of it taught."""
    if course.hours:
        return f"PT{course.hours}H"
    return f"P{(course.ends_on - course.starts_on).days + 1}D"


def course_data(course, request) -> dict:
    """A short course as schema.org Course, with the one CourseInstance it is and an Offer."""
    url = _absolute(request, request.path)
    instance = _clean(
        {
            "@type": "CourseInstance",
            "courseMode": COURSE_MODE,
            "courseWorkload": _course_workload(course),
            "startDate": _iso(course.starts_on),
            "endDate": _iso(course.ends_on),
            "location": {
                "@type": "Place",
                "name": _("Kermanshah University of Medical Sciences"),
                "address": kermanshah(),
            },
            "inLanguage": course.language,
            "maximumAttendeeCapacity": course.capacity,
        }
    )
    offer = {
        "@type": "Offer",
        "category": PAID if course.fee else FREE,
        "price": _amount(course.fee or 0),
        "priceCurrency": course.currency,
        "url": url,
        "validThrough": _iso(course.deadline),
    }
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "Course",
            "name": str(course),
            "description": course.description or str(course),
            "url": url,
            "inLanguage": course.language,
            "provider": university(request),
            "educationalCredentialAwarded": _("Certificate of attendance"),
            "hasCourseInstance": [instance],
            "offers": [offer],
        }
    )


def post_data(post, request) -> dict:
    """A news item as NewsArticle, an event as Event held in person at its place (the
    university's address when the office typed none)."""
    url = _absolute(request, request.path)
    common = {
        "@context": "https://schema.org",
        "url": url,
        "description": post.summary,
        "inLanguage": get_language(),
    }
    if post.kind == post.Kind.EVENT:
        place = {"@type": "Place", "name": post.place, "address": post.place}
        if not post.place:
            place = {
                "@type": "Place",
                "name": _("Kermanshah University of Medical Sciences"),
                "address": kermanshah(),
            }
        return _clean(
            {
                **common,
                "@type": "Event",
                "name": str(post),
                "startDate": _iso(post.starts_on),
                "endDate": _iso(post.ends_on or post.starts_on),
                "eventAttendanceMode": OFFLINE,
                "eventStatus": SCHEDULED,
                "location": place,
                "organizer": university(request),
            }
        )
    return _clean(
        {
            **common,
            "@type": "NewsArticle",
            "headline": str(post),
            "datePublished": _iso(post.published_on),
            "dateModified": timezone.localtime(post.updated_at).isoformat(),
            "mainEntityOfPage": url,
            "author": university(request),
            "publisher": university(request),
        }
    )
