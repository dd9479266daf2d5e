"""The portal's menu: each app registers its entries, the layout shows those a visitor may use.

Entries of one area share a `group` and are drawn as one dropdown, so that the menu of the
busiest role fits a 1280-pixel screen in every language; a group with a single entry for a
user is drawn as a plain link.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavGroup:
    label: str
    icon: str


# The areas of the office's work; an entry names one of these keys, or none (a top-level link).
GROUPS = {
    "students": NavGroup(label=_("Students"), icon="mortarboard"),
    "partnerships": NavGroup(label=_("Partnerships"), icon="building"),
    "incentives": NavGroup(label=_("Faculty incentives"), icon="award"),
    "office": NavGroup(label=_("Office"), icon="gear"),
}


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    icon: str  # a Bootstrap Icons name, e.g. "speedometer2"
    description: str = ""
    roles: tuple[str, ...] | None = None  # None: every signed-in user
    # Shown only to those of `roles` for whom this holds (e.g. "reviews for some unit"); it
    # runs on every page of theirs, so it should cost one query at most.
    shown_to: Callable[[object], bool] | None = None
    order: int = 100
    group: str = ""  # a key of GROUPS, or "" for a link of its own
    public: bool = False  # also shown to signed-out visitors
    # How many things wait for the user there (unread messages), drawn as a badge; it should
    # cost one query, and may stop counting past BADGE_MOST (the badge then reads "99+").
    counter: Callable[[object], int] | None = None
    # A URL name answering the entry's badge (a number of things to do), loaded after the
    # page so that no page pays for counting it.
    count_url: str = ""

    def __post_init__(self):
        if self.group and self.group not in GROUPS:
            raise ValueError(f"unknown navigation group {self.group!r}")


_registry: list[NavItem] = []

# A badge shows at most this number, then "99+": nobody acts on the exact count of hundreds, and
# a count that stops there costs the same on a page however many rows wait.
BADGE_MOST = 99


def url_of(name: str) -> str:
    """`reverse(name)` of a URL that takes no arguments, kept per language (the address's
    prefix) and URL configuration: the menu and the desk reversed the same forty names on
    every page, a thirtieth of a millisecond each."""
    return _url_of(name, translation.get_language(), get_script_prefix(), settings.ROOT_URLCONF)


@lru_cache(maxsize=512)
def _url_of(name: str, language: str | None, prefix: str, urlconf: str) -> str:
    return reverse(name)


def badge(count: int) -> str:
    return f"{BADGE_MOST}+" if count > BADGE_MOST else str(count)


def register(*items: NavItem) -> None:
    """Add entries; apps call this from their AppConfig.ready()."""
    for item in items:
        if item not in _registry:
            _registry.append(item)
    _registry.sort(key=lambda item: item.order)


def items_for(user) -> list[NavItem]:
    """The entries a visitor may use: the public ones when signed out, those of the user's roles
    (and for whom their `shown_to` holds) when signed in."""
    if not user.is_authenticated:
        return [item for item in _registry if item.public]
    return [
        item
        for item in _registry
        if (item.roles is None or user.has_role(*item.roles))
        and (item.shown_to is None or item.shown_to(user))
    ]


def menu(links: list[tuple[NavItem, str]], active_url: str | None, user=None) -> list[dict]:
    """The menu's top row: a plain link per ungrouped entry (or group with one entry) and a
    dropdown per group, each placed where its first entry is. An entry with a counter has its
    `count` for `user`, and its group the sum."""
    rows: list[dict] = []
    by_group: dict[str, dict] = {}
    for item, url in links:
        count = item.counter(user) if item.counter is not None and user is not None else 0
        entry = {
            "item": item,
            "url": url,
            "active": url == active_url,
            "count": count,
            "badge": badge(count),
        }
        if not item.group:
            rows.append({"link": entry})
            continue
        if item.group not in by_group:
            by_group[item.group] = {"group": GROUPS[item.group], "key": item.group, "entries": []}
            rows.append(by_group[item.group])
        by_group[item.group]["entries"].append(entry)
    for row in rows:
        if "entries" in row:
            if len(row["entries"]) == 1:
                row["link"] = row.pop("entries")[0]
            else:
                row["active"] = any(entry["active"] for entry in row["entries"])
                row["count"] = sum(entry["count"] for entry in row["entries"])
                row["badge"] = badge(row["count"])
    return rows
