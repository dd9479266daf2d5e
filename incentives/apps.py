from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncentivesConfig(AppConfig):
    name = "incentives"
    verbose_name = _("Faculty incentives")

    def ready(self) -> None:
        from intlaffairs import navigation
        from intlaffairs.access import OFFICE_ROLES
        from intlaffairs.roles import Role

        from . import reports  # noqa: F401 - registers the PDF reports

        navigation.register(
            navigation.NavItem(
                label=_("Language certificates"),
                url_name="incentives:certificate_list",
                icon="patch-check",
                description=_("English certificates of faculty members and who is proficient."),
                roles=(*OFFICE_ROLES, Role.FACULTY, Role.MENTOR),
                order=30,
                group="incentives",
            ),
            navigation.NavItem(
                label=_("IELTS reimbursement"),
                url_name="incentives:claim_list",
                icon="cash-coin",
                description=_("Claims for IELTS course and exam fees, from receipt to payment."),
                roles=(*OFFICE_ROLES, Role.FACULTY, Role.MENTOR),
                order=31,
                group="incentives",
            ),
            navigation.NavItem(
                label=_("Promotion points"),
                url_name="incentives:points_list",
                icon="award",
                description=_("Points for international agreements, per academic year."),
                roles=(*OFFICE_ROLES, Role.FACULTY),
                order=32,
                group="incentives",
            ),
        )
