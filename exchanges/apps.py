from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangesConfig(AppConfig):
    name = "exchanges"
    verbose_name = _("Exchanges")

    def ready(self) -> None:
        from intlaffairs import calendars, dashboard, navigation, related, search, threads
        from intlaffairs.access import OFFICE_ROLES
        from intlaffairs.roles import Role
        from intlaffairs.visibility import sees_everything

        from . import panels, reports, services  # noqa: F401 - register the PDF report and the panel
        from .models import CourseApplication, FollowUp, ShortCourse

        navigation.register(
            navigation.NavItem(
                label=_("Exchanges"),
                url_name="exchanges:mobility_list",
                icon="airplane",
                description=_("Mobilities in and out, short courses, delegations."),
                roles=OFFICE_ROLES,
                order=12,
                group="partnerships",
            ),
            navigation.NavItem(
                label=_("My short courses"),
                url_name="exchanges:my_courses",
                icon="calendar2-week",
                description=_("Fellowships, summer schools and observerships you applied to."),
                roles=(Role.APPLICANT,),
                order=6,
            ),
            navigation.NavItem(
                label=_("Short courses"),
                url_name="exchanges:course_list",
                icon="calendar2-week",
                description=_(
                    "Fellowships, summer schools and observerships open for application."
                ),
                roles=(Role.APPLICANT,),
                order=51,
                public=True,
            ),
            # For whoever holds a certificate of ours and wants to know it is real: not a
            # signed-in user's task, so signed-out visitors only.
            navigation.NavItem(
                label=_("Check a certificate"),
                url_name="exchanges:certificate_verify",
                icon="patch-check",
                roles=(),
                order=52,
                public=True,
            ),
        )
        related.register(
            related.InstitutionSection(
                title=_("Mobilities"),
                template="exchanges/partials/institution_mobilities.html",
                items=lambda institution, user: institution.mobilities.order_by("-starts_on")[:20],
                roles=OFFICE_ROLES,
            ),
            related.InstitutionSection(
                title=_("Delegations"),
                template="exchanges/partials/institution_delegations.html",
                items=lambda institution, user: institution.delegations.order_by("-starts_on")[:20],
                roles=OFFICE_ROLES,
            ),
        )
        dashboard.register(panels.FOLLOW_UPS_PANEL)
        # A course application has no page of its own: its thread has one, for both sides.
        threads.register(
            threads.Subject(
                model=CourseApplication,
                placeholders=services.message_placeholders,
                related=("course",),
            )
        )
        search.register(
            search.SearchKind(
                key="courses",
                label=_("Short courses"),
                model=ShortCourse,
                fields=("search_text",),  # the titles
                list_url="exchanges:course_manage",
                roles=OFFICE_ROLES,
                order=60,
                detail=lambda course: course.get_kind_display(),
            ),
        )

        def courses_concerning(user):
            # The office follows every course; anyone else the courses they applied to.
            courses = ShortCourse.objects.visible_to(user)
            if sees_everything(user):
                return courses
            return courses.filter(applications__applicant=user).distinct()

        calendars.register(
            *(
                calendars.CalendarDate(
                    model=ShortCourse,
                    field=field,
                    summary=lambda course, summary=summary: summary % {"course": course.title},
                    concerning=courses_concerning,
                )
                for field, summary in [
                    ("deadline", _("Application deadline: %(course)s")),
                    ("starts_on", _("Course starts: %(course)s")),
                    ("ends_on", _("Course ends: %(course)s")),
                ]
            ),
            calendars.CalendarDate(
                model=FollowUp,
                field="due_on",
                summary=lambda follow_up: (
                    _("Follow-up due: %(action)s") % {"action": follow_up.action}
                ),
                concerning=lambda user: FollowUp.objects.visible_to(user).filter(
                    owner=user, done_on__isnull=True
                ),
            ),
        )
