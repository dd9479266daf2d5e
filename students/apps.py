from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudentsConfig(AppConfig):
    name = "students"
    verbose_name = _("Student recruitment")

    def ready(self) -> None:
        from intlaffairs import dashboard, navigation, threads
        from intlaffairs.access import OFFICE_ROLES
        from intlaffairs.roles import Role

        from . import panels, reports, services  # noqa: F401 - register the PDFs and the panel
        from .models import Application

        navigation.register(
            navigation.NavItem(
                label=_("Applications"),
                url_name="students:application_list",
                icon="mortarboard",
                description=_(
                    "International applicants from submission to enrolment, visa and residence."
                ),
                roles=OFFICE_ROLES,
                order=5,
                group="students",
            ),
            navigation.NavItem(
                label=_("My applications"),
                url_name="students:my_applications",
                icon="file-earmark-person",
                description=_("Apply to a program, upload documents, follow your application."),
                roles=(Role.APPLICANT,),
                order=5,
            ),
            navigation.NavItem(
                label=_("Programs"),
                url_name="students:program_list",
                icon="journal-text",
                description=_("Degree programs open to international applicants."),
                roles=(Role.APPLICANT,),
                order=50,
                public=True,
            ),
        )
        dashboard.register(panels.PIPELINE_PANEL)
        threads.register(
            threads.Subject(
                model=Application,
                placeholders=services.message_placeholders,
                applicant_page="students:my_application",
                office_page="students:application_detail",
                closed=services.thread_closed,
            )
        )
