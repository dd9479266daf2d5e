"""The bounds of values read from a URL: the years the portal knows and the length of a search.

A year outside the calendar the portal works in made jdatetime fail, a search of thousands of
characters made SQLite refuse its LIKE pattern. The lists' filters (intlaffairs/filtering.py)
apply these bounds with a translated message; a year in a path outside them is a 404.
"""

from django.http import Http404
from django.utils.translation import gettext as _

from .jalali import to_local_digits
from .normalize import MAX_QUERY_LENGTH

# The Jalali years a record of the portal can belong to (1300 is 1921, 1500 is 2121).
YEARS = range(1300, 1501)


def search_too_long_message() -> str:
    return _("A search can be at most %(limit)s characters long; the rest was left out.") % {
        "limit": to_local_digits(MAX_QUERY_LENGTH)
    }


def year_or_404(year: int) -> int:
    """A year taken from a path: outside YEARS there is no such page."""
    if year not in YEARS:
        raise Http404
    return year
