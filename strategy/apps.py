from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "strategy"
    verbose_name = _("Strategy")

    def ready(self) -> None:
        from intlaffairs import calendars, navigation
        from intlaffairs.access import OFFICE_ROLES

        from . import indicators, reports  # noqa: F401 - register indicators and PDFs
        from .models import Action

        navigation.register(
            navigation.NavItem(
                label=_("Strategy"),
                url_name="strategy:dashboard",
                icon="bullseye",
                description=_(
                    "The internationalization plan: goals, live indicators against targets, "
                    "actions and what needs attention."
                ),
                roles=OFFICE_ROLES,
                order=3,
            )
        )
        calendars.register(
            calendars.CalendarDate(
                model=Action,
                field="due_on",
                summary=lambda action: _("Plan action due: %(action)s") % {"action": action.title},
                concerning=lambda user: Action.objects.visible_to(user).filter(
                    owner=user, done_on__isnull=True
                ),
            )
        )
