from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = _("Peer mentoring")

    def ready(self) -> None:
        from intlaffairs import navigation
        from intlaffairs.access import OFFICE_ROLES
        from intlaffairs.roles import Role

        from . import reports  # noqa: F401 - registers the PDF report

        navigation.register(
            navigation.NavItem(
                label=_("Peer mentoring"),
                url_name="mentoring:pairing_list",
                icon="people",
                description=_("Mentors, mentees, optimal matching, meetings and issues."),
                roles=OFFICE_ROLES,
                order=14,
                group="students",
            ),
            navigation.NavItem(
                label=_("My mentees"),
                url_name="mentoring:my_mentees",
                icon="people",
                description=_("The international students you guide, and your meetings."),
                roles=(Role.MENTOR,),
                order=5,
            ),
            navigation.NavItem(
                label=_("My mentor"),
                url_name="mentoring:my_mentor",
                icon="person-heart",
                description=_("The Iranian student who helps you settle in."),
                roles=(Role.APPLICANT,),
                order=7,
            ),
        )
