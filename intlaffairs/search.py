"""The one search box of the top bar: every kind of record a person may see, in one place.

Apps register the kinds they own (`register(SearchKind(...))` in their AppConfig.ready()), so
the core searches applications, agreements or courses without importing those apps. Each kind
searches `model.objects.visible_to(user)` with the same normalization as the lists' search
boxes (normalize.filter_by_search), shows its first few matches and links to its own list
filtered by the same query. A search costs one query for the counts of every kind
(`counting.count_each`) and one for the first rows of each kind found, whatever the amount of
data; each count stops one past what a badge shows ("99+"), so a common word costs what a
rare one does.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Model
from django.urls import reverse

from . import navigation
from .counting import count_each
from .normalize import filter_by_search, search_terms

SHOWN_PER_KIND = 5


@dataclass(frozen=True)
class SearchKind:
    key: str  # a stable name, used in the page's anchors and tests
    label: str  # the kind in the plural, a lazy translation ("Agreements")
    model: type[Model]  # its manager has visible_to(user)
    fields: tuple[str, ...]  # searched, as filter_by_search takes them
    list_url: str  # the URL name of the list that reads the same query as ?q=
    roles: tuple[str, ...]  # who may use that list, and so see this kind
    order: int = 100
    related: tuple[str, ...] = ()  # select_related for what a result line shows
    url: Callable[[Model], str] | None = None  # a result's page; get_absolute_url() if None
    detail: Callable[[Model], str] | None = None  # a second line under the result, if any

    def result_url(self, record: Model) -> str:
        return self.url(record) if self.url else record.get_absolute_url()


@dataclass(frozen=True)
class KindResults:
    kind: SearchKind
    count: int  # at most navigation.BADGE_MOST + 1
    records: list[tuple[Model, str, str]]  # the record, its page, its second line (or "")
    all_url: str  # the kind's list filtered by the query

    @property
    def shown(self) -> str:
        return navigation.badge(self.count)


_kinds: list[SearchKind] = []


def register(*kinds: SearchKind) -> None:
    """Add kinds of record; apps call this from their AppConfig.ready()."""
    for kind in kinds:
        if kind.key not in {known.key for known in _kinds}:
            _kinds.append(kind)
    _kinds.sort(key=lambda kind: kind.order)


def kinds_for(user) -> list[SearchKind]:
    """The kinds `user` may search: those whose list their roles open."""
    return [kind for kind in _kinds if user.is_authenticated and user.has_role(*kind.roles)]


def search_everything(user, query: str) -> list[KindResults]:
    """For each kind `user` may search, the records of `model.objects.visible_to(user)` that
    `query` matches: how many, the first SHOWN_PER_KIND and the filtered list's address. Kinds
    without a match are left out; a query without terms finds nothing."""
    if not search_terms(query):
        return []
    kinds = kinds_for(user)
    matches = [
        filter_by_search(kind.model.objects.visible_to(user), query, kind.fields) for kind in kinds
    ]
    counts = count_each(matches, most=navigation.BADGE_MOST + 1)
    found = []
    for kind, rows, count in zip(kinds, matches, counts, strict=True):
        if count:
            records = list(rows.select_related(*kind.related).order_by("-pk")[:SHOWN_PER_KIND])
            found.append(
                KindResults(
                    kind=kind,
                    count=count,
                    records=[
                        (
                            record,
                            kind.result_url(record),
                            kind.detail(record) if kind.detail else "",
                        )
                        for record in records
                    ],
                    all_url=f"{reverse(kind.list_url)}?{urlencode({'q': query})}",
                )
            )
    return found
