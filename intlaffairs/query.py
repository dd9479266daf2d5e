"""Values read from a URL or a query string, checked before they reach the database.

A list's search box and year filter, and the years in paths, arrive as text anyone can type:
a year outside the calendar the portal works in made jdatetime fail, a search of thousands of
characters made SQLite refuse its LIKE pattern. Each reader here bounds the value and says
in a translated message what it left out; the page itself still renders.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from .jalali import to_ascii_digits, to_local_digits
from .normalize import MAX_QUERY_LENGTH

# The Jalali years a record of the portal can belong to (1300 is 1921, 1500 is 2121).
YEARS = range(1300, 1501)


def search_param(request: HttpRequest, name: str = "q") -> str:
    """The search typed in `name`, at most MAX_QUERY_LENGTH characters; a longer one is cut
    there, with a message saying so."""
    query = request.GET.get(name, "")
    if len(query) > MAX_QUERY_LENGTH:
        messages.warning(request, search_too_long_message())
        query = query[:MAX_QUERY_LENGTH]
    return query


def search_too_long_message() -> str:
    return _("A search can be at most %(limit)s characters long; the rest was left out.") % {
        "limit": to_local_digits(MAX_QUERY_LENGTH)
    }


def year_param(request: HttpRequest, name: str = "year") -> int | None:
    """The Jalali year in `name`, in any digits, or None when it is absent or blank. A value
    that is not a year in YEARS is left out with a message, which shows it in the page's digits
    (the list then shows every year, or its default)."""
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    digits = to_ascii_digits(value)
    if digits.isascii() and digits.isdigit() and int(digits) in YEARS:
        return int(digits)
    messages.warning(
        request,
        _("“%(value)s” is not a year the portal knows, so it was left out.")
        % {"value": to_local_digits(value[:20])},
    )
    return None


def year_or_404(year: int) -> int:
    """A year taken from a path: outside YEARS there is no such page."""
    if year not in YEARS:
        raise Http404
    return year
