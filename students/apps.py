from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def reviews_for_a_unit(user) -> bool:
    """Only those an administrator named a unit's reviewer have anything to review."""
    return user.review_units.exists()


class StudentsConfig(AppConfig):
    name = "students"
    verbose_name = _("Student recruitment")

    def ready(self) -> None:
        from intlaffairs import calendars, dashboard, navigation, search, threads
        from intlaffairs.access import OFFICE_ROLES
        from intlaffairs.roles import Role

        # Imported to register the PDFs, the panel and the interviews.
        from . import interviews, panels, reports, services  # noqa: F401
        from .filters import SEARCHED_FIELDS
        from .models import Application, InterviewSlot, Program

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
                label=_("To review"),
                url_name="students:review_list",
                icon="clipboard-check",
                description=_("Applications referred to your school or department for review."),
                roles=(Role.FACULTY,),
                shown_to=reviews_for_a_unit,
                order=6,
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
        search.register(
            search.SearchKind(
                key="applications",
                label=_("Applications"),
                model=Application,
                fields=tuple(SEARCHED_FIELDS),
                list_url="students:application_list",
                roles=OFFICE_ROLES,
                order=10,
                detail=lambda application: " · ".join(
                    part
                    for part in (
                        application.name_latin,
                        application.native_name,
                        application.passport_number,
                    )
                    if part
                ),
            ),
        )
        calendars.register(
            calendars.CalendarDate(
                model=Program,
                field="deadline",
                summary=lambda program: (
                    _("Application deadline: %(program)s") % {"program": program.name}
                ),
                roles=OFFICE_ROLES,
            ),
            calendars.CalendarDate(
                model=Application,
                field="residence_expires_on",
                summary=lambda application: (
                    _("Residence permit expires: %(who)s")
                    % {"who": application.name_latin or application.reference}
                ),
            ),
            calendars.CalendarDate(
                model=Application,
                field="passport_expires_on",
                summary=lambda application: (
                    _("Passport expires: %(who)s")
                    % {"who": application.name_latin or application.reference}
                ),
                # The applicant's own reminder: in the office's feed every applicant's passport
                # would bury the dates the office acts on.
                roles=(Role.APPLICANT,),
            ),
            calendars.CalendarDate(
                model=InterviewSlot,
                field="starts_at",
                summary=interviews.summary,
                concerning=interviews.concerning,
                related=("application__program", "application__applicant"),
                event=interviews.event,
            ),
        )
