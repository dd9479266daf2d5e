from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Agreements")

    def ready(self) -> None:
        from intlaffairs import calendars, dashboard, navigation, search
        from intlaffairs.access import OFFICE_ROLES
        from intlaffairs.roles import Role

        from . import panels, reports  # noqa: F401 - registers the PDF reports
        from .filters import INSTITUTION_SEARCH_FIELDS, SEARCHED_FIELDS
        from .models import Agreement, Institution

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
        search.register(
            search.SearchKind(
                key="agreements",
                label=_("Agreements"),
                model=Agreement,
                fields=tuple(SEARCHED_FIELDS),
                list_url="agreements:agreement_list",
                roles=(*OFFICE_ROLES, Role.FACULTY),
                order=20,
                detail=lambda agreement: agreement.get_type_display(),
            ),
            search.SearchKind(
                key="institutions",
                label=_("Institutions"),
                model=Institution,
                fields=tuple(INSTITUTION_SEARCH_FIELDS),
                list_url="agreements:institution_list",
                roles=OFFICE_ROLES,
                order=30,
                detail=lambda institution: institution.city,
            ),
        )
        calendars.register(
            calendars.CalendarDate(
                model=Agreement,
                field="ends_on",
                summary=lambda agreement: (
                    _("Agreement ends: %(title)s") % {"title": agreement.title}
                ),
            )
        )
