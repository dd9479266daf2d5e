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
    Queue(
        key="incentives.claims_to_verify",
        label=_("Claims to verify"),
        url_name="incentives:claim_list",
        rows=claims,
        workflow=CLAIM,
        transitions=["verify"],
        narrow=claims_of_others,
        icon="receipt",
        order=31,
    ),
    Queue(
        key="incentives.claims_to_approve",
        label=_("Claims to approve"),
        url_name="incentives:claim_list",
        rows=claims,
        workflow=CLAIM,
        transitions=["approve"],
        narrow=claims_of_others,
        icon="check2-circle",
        order=32,
    ),
    Queue(
        key="incentives.claims_to_pay",
        label=_("Approved claims to pay"),
        url_name="incentives:claim_list",
        rows=claims,
        workflow=CLAIM,
        transitions=["pay"],
        narrow=claims_of_others,
        icon="cash-coin",
        order=33,
    ),
)
