from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncentivesConfig(AppConfig):
    name = "incentives"
    verbose_name = _("Faculty incentives")

    def ready(self) -> None:
        from intlaffairs import navigation
        from intlaffairs.access import OFFICE_ROLES
        from intlaffairs.roles import Role

        navigation.register(
            navigation.NavItem(
                label=_("Language certificates"),
                url_name="incentives:certificate_list",
                icon="patch-check",
                description=_("English certificates of faculty members and who is proficient."),
                roles=(*OFFICE_ROLES, Role.FACULTY),
                order=30,
            ),
            navigation.NavItem(
                label=_("IELTS reimbursement"),
                url_name="incentives:claim_list",
                icon="cash-coin",
                description=_("Claims for IELTS course and exam fees, from receipt to payment."),
                roles=(*OFFICE_ROLES, Role.FACULTY),
                order=31,
            ),
        )
