"""The staff navigation: each app registers its entries, the layout shows those a user may use."""

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    icon: str  # a Bootstrap Icons name, e.g. "speedometer2"
    description: str = ""
    roles: tuple[str, ...] | None = None  # None: every signed-in user
    order: int = 100


_registry: list[NavItem] = []


def register(*items: NavItem) -> None:
    """Add entries; apps call this from their AppConfig.ready()."""
    for item in items:
        if item not in _registry:
            _registry.append(item)
    _registry.sort(key=lambda item: item.order)


def items_for(user) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    return [item for item in _registry if item.roles is None or user.has_role(*item.roles)]
