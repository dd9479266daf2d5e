"""schema.org data (JSON-LD) for search engines: a degree program is an
EducationalOccupationalProgram, a short course a Course with its CourseInstance and provider,
the university an EducationalOrganization. Built for Google's structured-data rules; the
tests hold the output to the fields Google requires.

The JSON is escaped for an HTML script element like Django's json_script: "<", ">" and "&"
become \\u escapes, so no text of a record can close the element. A script of type
application/ld+json is data the browser never runs, so the CSP's script-src does not apply.
"""

import json
from datetime import date

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data: dict) -> SafeString:
    """`data` as a <script type="application/ld+json"> element, escaped for HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def university() -> dict:
    return {
        "@type": "CollegeOrUniversity",
        "name": _("Kermanshah University of Medical Sciences"),
        "url": settings.PORTAL_URL + "/",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": _("Kermanshah"),
            "addressCountry": "IR",
        },
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _clean(data: dict) -> dict:
    """`data` without empty values (schema.org wants a property left out, not empty)."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


# Google's course list: "Online", "Onsite" or "Blended"; ours are taught in Kermanshah.
COURSE_MODE = "Onsite"


def _years(duration) -> str | None:
    """A duration in years (7, 1.5) as ISO 8601 (P7Y, P18M)."""
    if not duration:
        return None
    months = round(duration * 12)
    return f"P{months // 12}Y" if months % 12 == 0 else f"P{months}M"


def program_data(program, url: str) -> dict:
    """A degree program as schema.org EducationalOccupationalProgram."""
    offers = None
    if program.tuition:
        offers = {
            "@type": "Offer",
            "category": "Tuition",
            "price": str(program.tuition),
            "priceCurrency": program.currency,
        }
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "EducationalOccupationalProgram",
            "name": str(program),
            "description": program.description or str(program),
            "url": url,
            "inLanguage": program.language,
            "provider": university(),
            "educationalCredentialAwarded": program.get_degree_display(),
            "timeToComplete": _years(program.duration_years),
            "applicationDeadline": _iso(program.deadline),
            "maximumEnrollment": program.capacity,
            "offers": offers,
        }
    )


def course_data(course, url: str) -> dict:
    """A short course as schema.org Course, with the one CourseInstance it is and an Offer."""
    instance = _clean(
        {
            "@type": "CourseInstance",
            "courseMode": COURSE_MODE,
            "startDate": _iso(course.starts_on),
            "endDate": _iso(course.ends_on),
            "location": {
                "@type": "Place",
                "name": _("Kermanshah University of Medical Sciences"),
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": _("Kermanshah"),
                    "addressCountry": "IR",
                },
            },
            "courseWorkload": f"PT{course.hours}H" if course.hours else None,
            "inLanguage": course.language,
        }
    )
    offer = _clean(
        {
            "@type": "Offer",
            "category": "Paid" if course.fee else "Free",
            "price": str(course.fee or 0),
            "priceCurrency": course.currency,
        }
    )
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "Course",
            "name": str(course),
            "description": course.description or str(course),
            "url": url,
            "inLanguage": course.language,
            "provider": university(),
            "hasCourseInstance": [instance],
            "offers": [offer],
        }
    )
