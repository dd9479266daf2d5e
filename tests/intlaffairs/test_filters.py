"""The outbox filters through its FilterSet: a bookmarked status still filters, and a status
that is not one is explained above the list, never a server error."""

import re

import pytest

from intlaffairs.models import OutgoingMail
from intlaffairs.roles import Role

pytestmark = pytest.mark.django_db


def mail(to: str, status: str) -> OutgoingMail:
    return OutgoingMail.objects.create(
        to=to, subject="s", body_text="b", language="en", status=status
    )


def test_a_bookmarked_status_filters_the_outbox_and_a_wrong_one_is_explained(client, make_user):
    mail("gone@example.org", "failed")
    mail("ok@example.org", "sent")
    client.force_login(make_user(Role.MANAGER))
    page = client.get("/en/outbox/", {"status": "failed"}).content.decode()
    assert "gone@example.org" in page and "ok@example.org" not in page
    response = client.get("/fa/outbox/", {"status": "nonsense"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "معتبر" in page  # Django's "Select a valid choice", in Persian
    assert "gone@example.org" in page and "ok@example.org" in page


def test_every_filter_offers_any_as_a_dash_and_a_country_chosen_filters(client, make_user):
    """A filter's "any" choice is "—" on every list (django-filter's setting, not each filter's
    argument: the agreements list had Django's "---------"), and choices offered through
    `ListFilterSet.offer` still validate and filter."""
    from ..factories import AgreementFactory, InstitutionFactory

    AgreementFactory(title_en="In Iraq", partners=[InstitutionFactory(country="IQ")])
    AgreementFactory(title_en="In Turkey", partners=[InstitutionFactory(country="TR")])
    client.force_login(make_user(Role.MANAGER))
    page = client.get("/en/agreements/").content.decode()
    assert "---------" not in page
    anys = re.findall(r'<select name="(\w+)"[^>]*>\s*<option value=""[^>]*>—</option>', page)
    assert {"status", "type", "country", "owner"} <= set(anys)
    page = client.get("/en/agreements/", {"country": "IQ"}).content.decode()
    assert "In Iraq" in page and "In Turkey" not in page
