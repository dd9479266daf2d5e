from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    name = "research"
    verbose_name = _("Research cooperation")

    def ready(self) -> None:
        from intlaffairs import navigation, related, search
        from intlaffairs.access import OFFICE_ROLES
        from intlaffairs.roles import Role

        from . import reports  # noqa: F401 - registers the PDF report
        from .filters import PROJECT_SEARCH_FIELDS, SCIENTIST_SEARCH_FIELDS
        from .models import Project, Scientist

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
        search.register(
            search.SearchKind(
                key="projects",
                label=_("Research projects"),
                model=Project,
                fields=tuple(PROJECT_SEARCH_FIELDS),
                list_url="research:project_list",
                roles=(*OFFICE_ROLES, Role.FACULTY),
                order=40,
            ),
            search.SearchKind(
                key="scientists",
                label=_("Scientists"),
                model=Scientist,
                fields=tuple(SCIENTIST_SEARCH_FIELDS),
                list_url="research:scientist_list",
                roles=OFFICE_ROLES,
                order=50,
                detail=lambda scientist: scientist.name_native,
            ),
        )
