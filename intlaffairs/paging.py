"""Pagination shared by the list pages (the context `partials/pagination.html` expects)."""

from django.core.paginator import Paginator

PAGE_SIZE = 25


def paginate(request, queryset, *, size: int = PAGE_SIZE) -> dict:
    """`page` (the requested page of `queryset`) and `query_string` (the other GET parameters,
    for the page links)."""
    params = request.GET.copy()
    params.pop("page", None)
    return {
        "page": Paginator(queryset, size).get_page(request.GET.get("page")),
        "query_string": params.urlencode(),
    }
