from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Agreements")

    def ready(self) -> None:
        from intlaffairs import dashboard, navigation
        from intlaffairs.access import OFFICE_ROLES
        from intlaffairs.roles import Role

        from . import panels, reports  # noqa: F401 - registers the PDF reports

        navigation.register(
            navigation.NavItem(
                label=_("Agreements"),
                url_name="agreements:agreement_list",
                icon="file-earmark-text",
                description=_("Agreements with partner institutions, their status and renewals."),
                roles=(*OFFICE_ROLES, Role.FACULTY),
                order=10,
                group="partnerships",
            ),
            navigation.NavItem(
                label=_("Institutions"),
                url_name="agreements:institution_list",
                icon="building",
                description=_("Partner institutions at home and abroad, and their contacts."),
                roles=OFFICE_ROLES,
                order=11,
                group="partnerships",
            ),
        )
        dashboard.register(panels.expiring_soon)
