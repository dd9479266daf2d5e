"""Sections that other apps add to a partner institution's page (mobilities, projects, ...).

The agreements app owns institutions and must not import the apps that point at them; those
apps register a section here instead, and the institution page shows every registered one.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class InstitutionSection:
    title: str  # lazy translation
    template: str  # rendered with `items`
    items: Callable  # items(institution, user) -> iterable
    roles: tuple[str, ...]


_sections: list[InstitutionSection] = []


def register(*sections: InstitutionSection) -> None:
    for section in sections:
        if section not in _sections:
            _sections.append(section)


def sections_for(user, institution) -> list[tuple[InstitutionSection, list]]:
    return [
        (section, list(section.items(institution, user)))
        for section in _sections
        if user.has_role(*section.roles)
    ]
