"""What waits for the office in faculty incentives (see intlaffairs/waiting.py). Nobody
decides on their own claim or certificate, so a person's own never waits for them."""

from django.utils.translation import gettext_lazy as _

from intlaffairs.waiting import Queue, register

from .models import Certificate, Claim
from .workflows import CERTIFICATE, CLAIM


def claims(user):
    return Claim.objects.visible_to(user)


def claims_of_others(queryset, states, user):
    return queryset.filter(status__in=states).exclude(claimant=user)


def certificates_of_others(queryset, states, user):
    return queryset.filter(status__in=states).exclude(person=user)


register(
    Queue(
        key="incentives.certificates",
        label=_("Language certificates to verify"),
        url_name="incentives:certificate_list",
        rows=lambda user: Certificate.objects.visible_to(user),
        workflow=CERTIFICATE,
        transitions=["verify"],
        narrow=certificates_of_others,
        icon="patch-check",
        order=30,
    ),
)

# The claim's queues differ only in the step they wait for; they follow the claim's order.
register(
    *(
        Queue(
            key=f"incentives.{key}",
            label=label,
            url_name="incentives:claim_list",
            rows=claims,
            workflow=CLAIM,
            transitions=[transition],
            narrow=claims_of_others,
            icon=icon,
            order=order,
        )
        for order, (key, transition, label, icon) in enumerate(
            [
                ("claims_to_verify", "verify", _("Claims to verify"), "receipt"),
                ("claims_to_approve", "approve", _("Claims to approve"), "check2-circle"),
                ("claims_to_pay", "pay", _("Approved claims to pay"), "cash-coin"),
            ],
            start=31,
        )
    )
)
