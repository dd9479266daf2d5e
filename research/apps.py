from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    name = "research"
    verbose_name = _("Research cooperation")

    def ready(self) -> None:
        from intlaffairs import navigation, related
        from intlaffairs.access import OFFICE_ROLES
        from intlaffairs.roles import Role

        from . import reports  # noqa: F401 - registers the PDF report

        navigation.register(
            navigation.NavItem(
                label=_("Research cooperation"),
                url_name="research:project_list",
                icon="diagram-3",
                description=_("Projects with foreign partners, grants, scientists abroad, alumni."),
                roles=(*OFFICE_ROLES, Role.FACULTY),
                order=20,
                group="partnerships",
            )
        )
        related.register(
            related.InstitutionSection(
                title=_("Research projects"),
                template="research/partials/institution_projects.html",
                items=lambda institution, user: institution.research_projects.all(),
                roles=OFFICE_ROLES,
            )
        )
