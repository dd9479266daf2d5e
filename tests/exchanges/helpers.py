"""Rows of the exchanges app that several tests need."""

from datetime import timedelta

from django.utils import timezone

from exchanges.models import CourseApplication, ShortCourse
from intlaffairs.models import Unit


def short_course(**kwargs) -> ShortCourse:
    """A summer school a month away, open for another ten days; `kwargs` change any field."""
    unit = Unit.objects.get_or_create(name_en="School of Medicine", defaults={"name_fa": "پزشکی"})
    today = timezone.localdate()
    defaults = {
        "title_fa": "مدرسهٔ تابستانی",
        "title_en": "Summer school in infectious diseases",
        "kind": "summer_school",
        "unit": unit[0],
        "starts_on": today + timedelta(days=30),
        "ends_on": today + timedelta(days=40),
        "deadline": today + timedelta(days=10),
        "capacity": 2,
    }
    return ShortCourse.objects.create(**{**defaults, **kwargs})


def course_application(course: ShortCourse, applicant, **kwargs) -> CourseApplication:
    """An application to `course` made directly (not through the form), accepted unless
    `kwargs` say otherwise."""
    defaults = {
        "name_latin": "Guest",
        "home_institution": "University of Baghdad",
        "country": "IQ",
        "field": "Medicine",
        "motivation": "-",
        "status": "accepted",
    }
    return CourseApplication.objects.create(
        course=course, applicant=applicant, **{**defaults, **kwargs}
    )
