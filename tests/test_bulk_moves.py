"""A step on the rows selected in a list: a confirmation that says what will happen, then a
`move()` for each, with what was done and what was refused, and why."""

import pytest
from django.utils import translation

from agreements.models import Agreement
from incentives.models import Claim
from intlaffairs.models import StateChange
from intlaffairs.roles import Role
from students.models import Application

from .test_url_policy import sample_objects
from .test_waiting import clone

pytestmark = pytest.mark.django_db
BULK = "/en/move/students.application/selected/"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def applications(objects, stages: list[str]) -> list[Application]:
    return [
        clone(
            Application.objects.get(pk=objects["application"].pk),
            stage=stage,
            reference=f"KUMS-B-{n:03}",
        )
        for n, stage in enumerate(stages)
    ]


def test_moving_twenty_applications_where_three_may_not_move_does_seventeen(client, make_user):
    objects = sample_objects(make_user(Role.ADMINISTRATOR))
    chosen = applications(objects, ["submitted"] * 17 + ["enrolled"] * 3)
    client.force_login(make_user(Role.OFFICER))
    posted = {"transition": "start_check", "record": [a.pk for a in chosen], "next": "/en/"}
    confirm = client.post(BULK, posted).content.decode()
    assert "You selected 20 records" in confirm
    assert "Can take this step now: 17" in confirm and "Cannot take this step: 3" in confirm
    assert "This cannot go from “Enrolled” to “Document check”." in confirm
    assert StateChange.objects.count() == 0  # nothing moves before the confirmation
    before = StateChange.objects.count()
    done = client.post(BULK, {**posted, "confirm": "1", "bulk-start_check-note": "Welcome"})
    page = done.content.decode()
    assert "Done: 17. Refused: 3." in page
    assert page.count("This cannot go from “Enrolled” to “Document check”.") == 3
    assert StateChange.objects.count() - before == 17
    moved = Application.objects.filter(pk__in=[a.pk for a in chosen], stage="document_check")
    assert moved.count() == 17
    assert set(StateChange.objects.values_list("note", flat=True)) == {"Welcome"}


def test_a_step_that_needs_a_reason_asks_for_it_and_moves_nothing_without(client, make_user):
    objects = sample_objects(make_user(Role.ADMINISTRATOR))
    Agreement.objects.update(status="awaiting_signature")
    client.force_login(make_user(Role.MANAGER))
    posted = {
        "transition": "terminate",
        "record": [objects["agreement"].pk],
        "confirm": "1",
        "next": "/en/agreements/",
    }
    page = client.post("/en/move/agreements.agreement/selected/", posted).content.decode()
    assert "This field is required." in page
    assert Agreement.objects.get().status == "awaiting_signature"
    posted["bulk-terminate-note"] = "The partner withdrew."
    page = client.post("/en/move/agreements.agreement/selected/", posted).content.decode()
    assert "Done: 1. Refused: 0." in page
    assert Agreement.objects.get().status == "terminated"


def test_the_selection_is_only_what_the_person_may_see_and_steps_their_roles_take(
    client, make_user
):
    objects = sample_objects(make_user(Role.ADMINISTRATOR))
    draft = clone(
        Application.objects.get(pk=objects["application"].pk), stage="draft", reference="KUMS-D"
    )
    client.force_login(make_user(Role.OFFICER))
    # A draft is the applicant's alone: as if it were not there.
    response = client.post(
        BULK, {"transition": "start_check", "record": [draft.pk], "next": "/en/"}
    )
    assert response.status_code == 302
    assert Application.objects.get(pk=draft.pk).stage == "draft"
    # Admitting is the manager's: an officer is not offered it and cannot post it.
    response = client.post(
        BULK, {"transition": "admit", "record": [objects["application"].pk], "confirm": "1"}
    )
    assert response.status_code == 302
    assert StateChange.objects.count() == 0
    assert client.get(BULK).status_code == 405
    assert client.post("/en/move/students.nothing/selected/", {}).status_code == 404


def test_the_list_offers_the_steps_of_the_persons_roles(client, make_user):
    objects = sample_objects(make_user(Role.ADMINISTRATOR))
    client.force_login(make_user(Role.OFFICER))
    page = client.get("/en/students/applications/").content.decode()
    assert f'name="record" value="{objects["application"].pk}"' in page
    assert '<option value="start_check">' in page and '<option value="admit">' not in page
    client.force_login(make_user(Role.MANAGER))
    assert '<option value="admit">' in client.get("/en/students/applications/").content.decode()


def test_nobody_verifies_their_own_claim_in_a_bulk_step_either(client, make_user):
    objects = sample_objects(make_user(Role.ADMINISTRATOR))
    officer = make_user(Role.OFFICER)
    own = clone(Claim.objects.get(pk=objects["claim"].pk), claimant=officer)
    client.force_login(officer)
    posted = {
        "transition": "verify",
        "record": [objects["claim"].pk, own.pk],
        "confirm": "1",
        "next": "/en/incentives/claims/",
    }
    page = client.post("/en/move/incentives.claim/selected/", posted).content.decode()
    assert "Done: 1. Refused: 1." in page
    assert "Nobody decides on their own claim." in page
    assert Claim.objects.get(pk=own.pk).status == "submitted"
    assert Claim.objects.get(pk=objects["claim"].pk).status == "verified"


def test_more_than_the_limit_is_refused_with_a_message(client, make_user):
    client.force_login(make_user(Role.OFFICER))
    posted = {"transition": "start_check", "record": list(range(1, 102)), "next": "/en/desk/"}
    response = client.post(BULK, posted, follow=True)
    assert response.redirect_chain == [("/en/desk/", 302)]
    assert "Select at most 100 records for one step." in response.content.decode()
    assert StateChange.objects.count() == 0
