"""Panels on the dashboard: each app registers what needs attention, the dashboard shows them."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    roles: tuple[str, ...]
    # Returns the panel's template context for this request, or None to hide the panel.
    context: Callable[..., dict | None]
    order: int = 100


_registry: list[Panel] = []


def register(panel: Panel) -> None:
    if panel not in _registry:
        _registry.append(panel)
        _registry.sort(key=lambda panel: panel.order)


def panels_for(request) -> list[tuple[Panel, dict]]:
    shown = []
    for panel in _registry:
        if request.user.has_role(*panel.roles):
            context = panel.context(request)
            if context is not None:
                shown.append((panel, context))
    return shown
